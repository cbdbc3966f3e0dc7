// The SSE stream as the browser reads it: a real LogBus (over an in-memory line store) and
// the bytes the Response body carries, parsed back with the wire format's own rules.
import { describe, expect, it } from "vitest";
import type { DeployOutcome } from "./history";
import { emptyProgress } from "./internal-json";
import { type EndInfo, LogBus, type LogLine, type LogLineStore } from "./log-bus";
import { deployEventsResponse } from "./sse-stream";

class MemoryStore implements LogLineStore {
  lines: LogLine[] = [];
  async readLines(_id: number, fromSeq: number, beforeSeq: number | undefined, limit: number) {
    return this.lines.filter((l) => l.seq >= fromSeq && (beforeSeq === undefined || l.seq < beforeSeq)).slice(0, limit);
  }
  async appendLines(_id: number, lines: LogLine[]) {
    this.lines.push(...lines);
  }
  async readEnd(): Promise<EndInfo | null> {
    return null;
  }
}

interface ParsedEvent {
  id?: string;
  event?: string;
  data?: unknown;
}

async function readEvents(response: Response): Promise<{ raw: string; events: ParsedEvent[] }> {
  const raw = await response.text();
  const events = raw
    .split("\n\n")
    .filter((block) => block.includes("event:"))
    .map((block) => {
      const fields = Object.fromEntries(block.split("\n").map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
      return { id: fields.id, event: fields.event, data: fields.data === undefined ? undefined : JSON.parse(fields.data) };
    });
  return { raw, events };
}

const outcome: DeployOutcome = { status: "succeeded", exitCode: 0, error: null, finishedAt: "2026-01-01T00:00:00.000Z", progress: null };

describe("deployEventsResponse", () => {
  it("sends lines in batches with the last seq as id, then progress, then the stored outcome, and closes", async () => {
    const bus = new LogBus(new MemoryStore(), { flushIntervalMs: 5 });
    bus.open(7);
    bus.append(7, "one");
    bus.append(7, "two");
    const response = deployEventsResponse({ deployId: 7, from: 2, bus, loadOutcome: async () => outcome, signal: new AbortController().signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    const reading = readEvents(response);
    await new Promise((r) => setTimeout(r, 20));
    bus.append(7, "three");
    bus.publishProgress(7, emptyProgress());
    await bus.close(7, { status: "failed", exitCode: 1, error: "bus end" });

    const { raw, events } = await reading;
    expect(raw.startsWith("retry: 3000\n\n")).toBe(true);
    const lines = events.filter((e) => e.event === "lines");
    expect(lines.flatMap((e) => (e.data as { lines: string[] }).lines)).toEqual(["two", "three"]);
    expect(lines[0]).toMatchObject({ id: "2", data: { from: 2 } });
    expect(lines.at(-1)?.id).toBe("3");
    expect(events.some((e) => e.event === "progress")).toBe(true);
    // The end carries the row's outcome, not the bus's, and is the last event.
    expect(events.at(-1)).toEqual({ id: undefined, event: "end", data: outcome });
  });

  it("falls back to the bus's end when the outcome cannot be read", async () => {
    const bus = new LogBus(new MemoryStore(), { flushIntervalMs: 5 });
    bus.open(8);
    const response = deployEventsResponse({
      deployId: 8,
      from: 1,
      bus,
      loadOutcome: () => Promise.reject(new Error("database gone")),
      signal: new AbortController().signal,
    });
    const reading = readEvents(response);
    await new Promise((r) => setTimeout(r, 20));
    await bus.close(8, { status: "failed", exitCode: 1, error: "boom" });
    const { events } = await reading;
    expect(events.at(-1)).toMatchObject({ event: "end", data: { status: "failed", exitCode: 1, error: "boom" } });
  });

  it("stops following when the client goes away", async () => {
    const bus = new LogBus(new MemoryStore(), { flushIntervalMs: 5 });
    bus.open(9);
    const client = new AbortController();
    const response = deployEventsResponse({ deployId: 9, from: 1, bus, loadOutcome: async () => outcome, signal: client.signal, keepaliveMs: 5 });
    const reader = response.body!.getReader();
    await reader.read(); // retry:
    client.abort();
    await new Promise((r) => setTimeout(r, 20));
    bus.append(9, "after the client left");
    await new Promise((r) => setImmediate(r));
    // Nothing more is written after the abort: no lines, no keepalives.
    const next = await Promise.race([reader.read().then(() => "data"), new Promise((r) => setTimeout(() => r("quiet"), 50))]);
    expect(next).toBe("quiet");
    await bus.close(9, { status: "cancelled", exitCode: null, error: null });
  });
});
