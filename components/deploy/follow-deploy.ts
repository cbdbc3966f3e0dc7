"use client";
// One deploy's SSE stream (/api/deploys/[id]/events, format in lib/deploy/live-events.ts), for every
// view that follows a deploy. EventSource resumes by itself after a dropped connection
// (Last-Event-ID); when it gives up, we reconnect with ?from=, more slowly each time.
import type { ProgressState } from "@/lib/deploy/internal-json";
import type { LinesEvent, LiveEnd } from "@/lib/deploy/live-events";

export type Connection = "connecting" | "live" | "reconnecting" | "ended" | "failed";

export interface DeployStreamHandlers {
  /** The first line still wanted: where a new connection resumes. */
  nextSeq(): number;
  /** "gap" when lines are missing: the stream restarts from nextSeq(). */
  onLines(batch: LinesEvent): void | "gap";
  onProgress(progress: ProgressState): void;
  onEnd(end: LiveEnd): void;
  onConnection(connection: Connection): void;
}

const MAX_FAILURES = 5;

/** Starts following; returns the function that stops. */
export function followDeploy(deployId: number, handlers: DeployStreamHandlers): () => void {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;
  const data = <T,>(event: Event) => JSON.parse((event as MessageEvent<string>).data) as T;

  const connect = () => {
    if (stopped) return;
    const es = new EventSource(`/api/deploys/${deployId}/events?from=${handlers.nextSeq()}`);
    source = es;
    es.onopen = () => {
      failures = 0;
      handlers.onConnection("live");
    };
    es.addEventListener("lines", (event) => {
      if (handlers.onLines(data<LinesEvent>(event)) === "gap") {
        // Never show a log with a hole in it: start again from the first missing line.
        es.close();
        connect();
      }
    });
    es.addEventListener("progress", (event) => handlers.onProgress(data<ProgressState>(event)));
    es.addEventListener("end", (event) => {
      stopped = true;
      es.close();
      handlers.onConnection("ended");
      handlers.onEnd(data<LiveEnd>(event));
    });
    es.onerror = () => {
      if (stopped) return;
      if (es.readyState === EventSource.CONNECTING) {
        handlers.onConnection("reconnecting");
        return;
      }
      // Closed for good (an HTTP error, the server went away).
      es.close();
      failures += 1;
      if (failures > MAX_FAILURES) {
        handlers.onConnection("failed");
        return;
      }
      handlers.onConnection("reconnecting");
      retryTimer = setTimeout(connect, Math.min(15_000, 1000 * 2 ** (failures - 1)));
    };
  };

  connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
