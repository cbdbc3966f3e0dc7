// A deploy's whole log as plain text (the live view's Download button). Streamed page by
// page from the database so a 200,000-line log never sits in memory at once.
import { deployRunner } from "@/lib/deploy/instance";
import { deployIdForApiRequest } from "@/lib/deploy/api-access";
import { readLogPage } from "@/lib/deploy/history";

const PAGE = 5000;

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await deployIdForApiRequest((await params).id);
  if ("response" in access) return access.response;
  const { id, admin } = access;
  // A running deploy: write out what the bus still holds, so the file has every line so far.
  const bus = deployRunner().bus;
  if (bus.isOpen(id)) await bus.flush(id).catch(() => undefined);

  const encoder = new TextEncoder();
  let next = 1;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const page = await readLogPage(admin, id, next, PAGE);
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
