// A deploy's whole log as plain text (the live view's Download button). Streamed page by
// page from the database so a 200,000-line log never sits in memory at once.
import { requireAdmin } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { deployRunner } from "@/lib/deploy/instance";
import { deployExists, parseDeployId, readLogPage } from "@/lib/deploy/history";
import { isAppError } from "@/lib/errors/app-error";

const PAGE = 5000;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireAdmin();
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: error.message, code: error.code }, { status: error.httpStatus });
    throw error;
  }
  const id = parseDeployId((await params).id);
  if (id === null || !(await deployExists(prisma, id))) {
    return Response.json({ error: "No such deploy.", code: "NOT_FOUND" }, { status: 404 });
  }
  // A running deploy: write out what the bus still holds, so the file has every line so far.
  const bus = deployRunner().bus;
  if (bus.isOpen(id)) await bus.flush(id).catch(() => undefined);

  const encoder = new TextEncoder();
  let next = 1;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await readLogPage(prisma, id, next, PAGE);
      if (page.length > 0) {
        next = page[page.length - 1].seq + 1;
        controller.enqueue(encoder.encode(page.map((line) => `${line.text}\n`).join("")));
      }
      if (page.length < PAGE) controller.close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="homey-deploy-${id}.log"`,
      "Cache-Control": "no-store",
    },
  });
}
