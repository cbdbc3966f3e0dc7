// A deploy's log and progress as a Server-Sent Events Response (format: ./live-events.ts).
// Everything from `from` on, in order, nothing twice: the log bus replays the persisted
// lines, then memory, then goes live; a finished deploy is replayed from the database and
// ends with its stored outcome. The route handler only decides access and where to resume.
import type { BusEvent, LogBus } from "./log-bus";
import type { DeployOutcome } from "./history";
import { LINES_PER_EVENT, sseEvent } from "./live-events";

/** A comment line now and then keeps proxies (Caddy) from closing an idle stream. */
export const KEEPALIVE_MS = 15_000;

export interface DeployEventStreamOptions {
  deployId: number;
  /** First seq to send (see resumeFrom). */
  from: number;
  bus: Pick<LogBus, "subscribe">;
  /** The deploy's final row, read when the bus ends (the runner writes it before closing the bus). */
  loadOutcome: (deployId: number) => Promise<DeployOutcome>;
  /** The client went away: stop following. */
  signal: AbortSignal;
  keepaliveMs?: number;
}

export function deployEventsResponse(options: DeployEventStreamOptions): Response {
  return new Response(deployEventStream(options), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform also keeps compression off, so events are not held in a gzip buffer.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

export function deployEventStream({ deployId, from, bus, loadOutcome, signal, keepaliveMs = KEEPALIVE_MS }: DeployEventStreamOptions): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
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
        void loadOutcome(deployId)
          .catch((): DeployOutcome => ({
            status: event.end?.status ?? null,
            exitCode: event.end?.exitCode ?? null,
            error: event.end?.error ?? null,
            finishedAt: null,
            progress: null,
          }))
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
      const unsubscribe = bus.subscribe(deployId, from, onEvent);
      const keepalive = setInterval(() => write(": keepalive\n\n"), keepaliveMs);
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepalive);
        unsubscribe();
        signal.removeEventListener("abort", finish);
      };
      cleanup = finish;
      signal.addEventListener("abort", finish);
    },
    cancel() {
      cleanup();
    },
  });
}
