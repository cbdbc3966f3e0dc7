// The wire format of /api/deploys/[id]/events (Server-Sent Events), shared by the stream
// builder (lib/deploy/sse-stream.ts) and the browser. Pure: no server imports.
//
//   retry: 3000
//
//   id: <seq of the batch's last line>         ← the client resends it as Last-Event-ID
//   event: lines
//   data: {"from":<seq of the first line>,"lines":["…","…"]}
//
//   event: progress
//   data: <ProgressState>
//
//   event: end                                 ← last event; the server then closes
//   data: <LiveEnd>
//
// Lines come in batches (one event per up to LINES_PER_EVENT lines) so replaying a
// 200,000-line log is a few hundred events, not 200,000. Seqs are contiguous from 1.
import type { DeployOutcome } from "@/lib/deploy/history";

export const LINES_PER_EVENT = 1000;

export interface LinesEvent {
  from: number;
  lines: string[];
}

/** How the deploy ended (status null: it does not exist), with its stored final progress. */
export type LiveEnd = DeployOutcome;

export function sseEvent(event: string, data: unknown, id?: number): string {
  // JSON never contains a raw newline, so one data: line is enough.
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Where a (re)connecting client resumes: Last-Event-ID + 1, else ?from=, else the start. */
export function resumeFrom(lastEventId: string | null, fromParam: string | null): number {
  const last = Number(lastEventId);
  if (lastEventId && Number.isInteger(last) && last >= 0) return last + 1;
  const from = Number(fromParam);
  if (fromParam && Number.isInteger(from) && from >= 1) return from;
  return 1;
}
