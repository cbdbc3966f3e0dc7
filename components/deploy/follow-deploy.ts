"use client";
// One deploy's SSE stream (/api/deploys/[id]/events, format in lib/deploy/live-events.ts), for every
// view that follows a deploy. Read with fetch, not EventSource: Chromium hands EventSource a
// whole network chunk at once (megabytes while a 200,000-line log replays) and dispatches every
// event in it in one task, 70–150 ms with the tab frozen. Here the body is decoded and parsed
// in slices and the events handled a few milliseconds' worth per task, yielding to the browser
// in between. Resuming is what EventSource does: after a dropped connection, again after the
// server's `retry:` with Last-Event-ID set to the last event's id; when the server answers with
// an error or cannot be reached, again with ?from=, more slowly each time.
import type { ProgressState } from "@/lib/deploy/internal-json";
import type { LinesEvent, LiveEnd } from "@/lib/deploy/live-events";
import { SseParser, type SseMessage } from "./sse-parser";

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
/** EventSource's own default when the server sends no `retry:`. */
const DEFAULT_RETRY_MS = 3000;
/** Bytes decoded and parsed at a time: about 800 log lines. */
const SLICE_BYTES = 64 * 1024;
/** Work per task before the browser gets the thread back (a frame is 16 ms). */
const TASK_BUDGET_MS = 8;

/** Gives the thread back to the browser (input, rendering) and continues in a new task. */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  // A MessageChannel message is a new task without setTimeout's 4 ms clamp when nested.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

type Outcome = "ended" | "gap" | "dropped" | "refused" | "stopped";

/** Starts following; returns the function that stops. */
export function followDeploy(deployId: number, handlers: DeployStreamHandlers): () => void {
  const abort = new AbortController();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let retryMs = DEFAULT_RETRY_MS;
  /** The last event id seen, resent as Last-Event-ID; null after a gap (resume from nextSeq). */
  let lastEventId: string | null = null;

  const handle = (message: SseMessage): "ended" | "gap" | undefined => {
    if (message.event === "lines") return handlers.onLines(JSON.parse(message.data) as LinesEvent) === "gap" ? "gap" : undefined;
    if (message.event === "progress") handlers.onProgress(JSON.parse(message.data) as ProgressState);
    else if (message.event === "end") {
      handlers.onConnection("ended");
      handlers.onEnd(JSON.parse(message.data) as LiveEnd);
      return "ended";
    }
    return undefined;
  };

  const follow = async (): Promise<Outcome> => {
    const headers: Record<string, string> = { Accept: "text/event-stream" };
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    let response: Response;
    try {
      response = await fetch(`/api/deploys/${deployId}/events?from=${handlers.nextSeq()}`, { headers, cache: "no-store", signal: abort.signal });
    } catch {
      return abort.signal.aborted ? "stopped" : "refused";
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel();
      return "refused";
    }
    failures = 0;
    handlers.onConnection("live");
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    let taskStart = performance.now();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (abort.signal.aborted) return "stopped";
        if (done) return "dropped";
        for (let at = 0; at < value.length; at += SLICE_BYTES) {
          const messages = parser.feed(decoder.decode(value.subarray(at, at + SLICE_BYTES), { stream: true }));
          if (parser.retry !== null) retryMs = parser.retry;
          for (const message of messages) {
            if (message.lastEventId) lastEventId = message.lastEventId;
            const outcome = handle(message);
            if (outcome) return outcome;
            if (performance.now() - taskStart > TASK_BUDGET_MS) {
              await yieldToBrowser();
              if (abort.signal.aborted) return "stopped";
              taskStart = performance.now();
            }
          }
        }
      }
    } catch {
      return abort.signal.aborted ? "stopped" : "dropped";
    } finally {
      void reader.cancel().catch(() => {});
    }
  };

  const connect = async () => {
    const outcome = await follow();
    if (outcome === "stopped" || outcome === "ended" || abort.signal.aborted) return;
    if (outcome === "gap") {
      // Never show a log with a hole in it: start again from the first missing line.
      lastEventId = null;
      void connect();
      return;
    }
    if (outcome === "dropped") {
      handlers.onConnection("reconnecting");
      retryTimer = setTimeout(() => void connect(), retryMs);
      return;
    }
    // Refused (an HTTP error, the server went away).
    failures += 1;
    if (failures > MAX_FAILURES) {
      handlers.onConnection("failed");
      return;
    }
    handlers.onConnection("reconnecting");
    retryTimer = setTimeout(() => void connect(), Math.min(15_000, 1000 * 2 ** (failures - 1)));
  };

  void connect();
  return () => {
    abort.abort();
    clearTimeout(retryTimer);
  };
}
