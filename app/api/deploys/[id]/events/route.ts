// A deploy's log and progress as Server-Sent Events (format: components/deploy/live-events.ts).
// Everything from Last-Event-ID + 1 (or ?from=) on, in order, nothing twice: the log bus
// replays the persisted lines, then memory, then goes live; a finished deploy is replayed
// from the database and ends with its stored outcome.
import { deployRunner } from "@/lib/deploy/instance";
import { deployIdForApiRequest } from "@/lib/deploy/api-access";
import { getDeployOutcome } from "@/lib/deploy/history";
import type { BusEvent } from "@/lib/deploy/log-bus";
import { LINES_PER_EVENT, resumeFrom, sseEvent } from "@/components/deploy/live-events";

/** A comment line now and then keeps proxies (Caddy) from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const access = await deployIdForApiRequest((await params).id);
  if ("response" in access) return access.response;
  const { id, admin } = access;
  const url = new URL(request.url);
  const from = resumeFrom(request.headers.get("last-event-id"), url.searchParams.get("from"));

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let pending: string[] = [];
      let pendingFrom = 0;
      let flushScheduled = false;

      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      // Lines wait for the current replay page / burst to end and go out as one event.
      const flushLines = () => {
        flushScheduled = false;
        if (pending.length === 0) return;
        write(sseEvent("lines", { from: pendingFrom, lines: pending }, pendingFrom + pending.length - 1));
        pending = [];
      };
      const onEvent = (event: BusEvent) => {
        if (closed) return;
        if (event.type === "line") {
          if (pending.length > 0 && event.seq !== pendingFrom + pending.length) flushLines();
          if (pending.length === 0) pendingFrom = event.seq;
          pending.push(event.text);
          if (pending.length >= LINES_PER_EVENT) flushLines();
          else if (!flushScheduled) {
            flushScheduled = true;
            setImmediate(flushLines);
          }
          return;
        }
        flushLines();
        if (event.type === "progress") {
          write(sseEvent("progress", event.progress));
          return;
        }
        // The end: the row has its final status (the runner writes it before closing the bus).
        void getDeployOutcome(admin, id)
          .catch(() => ({ status: event.end?.status ?? null, exitCode: event.end?.exitCode ?? null, error: event.end?.error ?? null, finishedAt: null, progress: null }))
          .then((outcome) => {
            write(sseEvent("end", outcome));
            finish();
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          });
      };

      write("retry: 3000\n\n");
      const unsubscribe = deployRunner().bus.subscribe(id, from, onEvent);
      const keepalive = setInterval(() => write(": keepalive\n\n"), KEEPALIVE_MS);
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepalive);
        unsubscribe();
        request.signal.removeEventListener("abort", finish);
      };
      cleanup = finish;
      request.signal.addEventListener("abort", finish);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
