// The bus's ordering promise: from any seq, everything, in order, once — also while lines
// are being persisted and evicted from memory under the subscriber's feet. The store here
// is an in-memory one with adjustable latency (the Prisma store runs in runner tests).
import { describe, expect, it, vi } from "vitest";
import { type BusEvent, type EndInfo, LogBus, type LogLine, type LogLineStore } from "./log-bus";

class MemoryStore implements LogLineStore {
  lines = new Map<number, LogLine[]>();
  ends = new Map<number, EndInfo>();
  readDelayMs = 0;
  failNextWrites = 0;
  writes = 0;

  async readLines(deployId: number, fromSeq: number, beforeSeq: number | undefined, limit: number) {
    await sleep(this.readDelayMs);
    return (this.lines.get(deployId) ?? [])
      .filter((l) => l.seq >= fromSeq && (beforeSeq === undefined || l.seq < beforeSeq))
      .slice(0, limit)
      .map((l) => ({ ...l }));
  }

  async appendLines(deployId: number, lines: LogLine[]) {
    await sleep(1);
    if (this.failNextWrites > 0) {
      this.failNextWrites--;
      throw new Error("disk full (test)");
    }
    this.writes++;
    const existing = this.lines.get(deployId) ?? [];
    for (const line of lines) {
      if (existing.some((l) => l.seq === line.seq)) throw new Error(`duplicate seq ${line.seq}`);
      existing.push({ ...line });
    }
    this.lines.set(deployId, existing);
  }

  async readEnd(deployId: number) {
    return this.ends.get(deployId) ?? null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const END: EndInfo = { status: "succeeded", exitCode: 0, error: null };

function collect() {
  const events: BusEvent[] = [];
  const seqs = () => events.flatMap((e) => (e.type === "line" ? [e.seq] : []));
  const ended = () => events.some((e) => e.type === "end");
  return { events, seqs, ended, listener: (e: BusEvent) => events.push(e) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(5);
  }
}

describe("LogBus", () => {
  it("numbers lines from 1 and delivers them live, in order", async () => {
    const bus = new LogBus(new MemoryStore());
    bus.open(1);
    const sub = collect();
    bus.subscribe(1, 1, sub.listener);
    await sleep(5);
    expect(bus.append(1, "a")).toBe(1);
    expect(bus.append(1, "b")).toBe(2);
    expect(sub.events).toEqual([
      { type: "line", seq: 1, text: "a" },
      { type: "line", seq: 2, text: "b" },
    ]);
  });

  it("a late subscriber gets the lines from its seq, then live ones, never twice", async () => {
    const bus = new LogBus(new MemoryStore());
    bus.open(1);
    for (const i of range(1, 10)) bus.append(1, `line ${i}`);
    const sub = collect();
    bus.subscribe(1, 4, sub.listener);
    bus.append(1, "line 11"); // arrives while the subscriber is still replaying
    await sleep(10);
    bus.append(1, "line 12");
    expect(sub.seqs()).toEqual(range(4, 12));
  });

  it("persists in batches: by size and by time", async () => {
    const store = new MemoryStore();
    const bus = new LogBus(store, { flushMaxLines: 5, flushIntervalMs: 30 });
    bus.open(1);
    for (const i of range(1, 5)) bus.append(1, `l${i}`);
    await until(() => (store.lines.get(1)?.length ?? 0) === 5);
    bus.append(1, "l6");
    expect(store.lines.get(1)?.length).toBe(5);
    await until(() => (store.lines.get(1)?.length ?? 0) === 6);
    expect(store.writes).toBe(2);
  });

  it("replays lines already evicted from memory out of the store, still in order", async () => {
    const store = new MemoryStore();
    const bus = new LogBus(store, { flushMaxLines: 5, flushIntervalMs: 5, retainLines: 10, readPageSize: 7 });
    bus.open(1);
    for (const i of range(1, 100)) bus.append(1, `l${i}`);
    await bus.flush(1);
    const sub = collect();
    bus.subscribe(1, 1, sub.listener);
    await until(() => sub.seqs().length === 100);
    expect(sub.seqs()).toEqual(range(1, 100));
  });

  it("stays gapless and duplicate-free while lines stream, persist and evict during a slow replay", async () => {
    const store = new MemoryStore();
    store.readDelayMs = 15;
    const bus = new LogBus(store, { flushMaxLines: 3, flushIntervalMs: 2, retainLines: 4, readPageSize: 5 });
    bus.open(7);
    for (const i of range(1, 40)) bus.append(7, `l${i}`);
    await bus.flush(7);
    const subs = [collect(), collect(), collect()];
    bus.subscribe(7, 1, subs[0].listener);
    bus.subscribe(7, 20, subs[1].listener);
    bus.subscribe(7, 39, subs[2].listener);
    for (const i of range(41, 200)) {
      bus.append(7, `l${i}`);
      if (i % 10 === 0) await sleep(3);
    }
    store.ends.set(7, END);
    await bus.close(7, END);
    await until(() => subs.every((s) => s.ended()));
    expect(subs[0].seqs()).toEqual(range(1, 200));
    expect(subs[1].seqs()).toEqual(range(20, 200));
    expect(subs[2].seqs()).toEqual(range(39, 200));
    expect(store.lines.get(7)!.map((l) => l.seq)).toEqual(range(1, 200));
  });

  it("after close, a subscriber gets the whole log from the store and the end", async () => {
    const store = new MemoryStore();
    const bus = new LogBus(store);
    bus.open(3);
    for (const i of range(1, 20)) bus.append(3, `l${i}`);
    store.ends.set(3, { status: "failed", exitCode: 1, error: "boom" });
    const live = collect();
    bus.subscribe(3, 1, live.listener);
    await bus.close(3, { status: "failed", exitCode: 1, error: "boom" });
    expect(bus.isOpen(3)).toBe(false);
    const late = collect();
    bus.subscribe(3, 15, late.listener);
    await until(() => late.ended() && live.ended());
    expect(live.seqs()).toEqual(range(1, 20));
    expect(late.seqs()).toEqual(range(15, 20));
    expect(late.events.at(-1)).toEqual({ type: "end", end: { status: "failed", exitCode: 1, error: "boom" } });
  });

  it("keeps lines whose write failed and writes them on the next attempt", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const store = new MemoryStore();
    store.failNextWrites = 1;
    const bus = new LogBus(store, { flushIntervalMs: 5 });
    bus.open(1);
    bus.append(1, "a");
    bus.append(1, "b");
    await expect(bus.flush(1)).rejects.toThrow(/disk full/);
    bus.append(1, "c");
    await bus.close(1, END);
    expect(store.lines.get(1)!.map((l) => l.text)).toEqual(["a", "b", "c"]);
  });

  it("sends the latest progress after the replay, and isolates a throwing listener", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bus = new LogBus(new MemoryStore());
    bus.open(1);
    bus.append(1, "a");
    bus.publishProgress(1, { phase: "building" } as never);
    bus.subscribe(1, 1, () => {
      throw new Error("bad listener");
    });
    const sub = collect();
    bus.subscribe(1, 1, sub.listener);
    await sleep(5);
    bus.append(1, "b");
    expect(sub.events.map((e) => e.type)).toEqual(["line", "progress", "line"]);
  });

  it("unsubscribe stops delivery", async () => {
    const bus = new LogBus(new MemoryStore());
    bus.open(1);
    const sub = collect();
    const unsubscribe = bus.subscribe(1, 1, sub.listener);
    await sleep(5);
    bus.append(1, "a");
    unsubscribe();
    bus.append(1, "b");
    expect(sub.seqs()).toEqual([1]);
  });

  it("a deploy that does not exist ends with end: null", async () => {
    const bus = new LogBus(new MemoryStore());
    const sub = collect();
    bus.subscribe(99, 1, sub.listener);
    await until(() => sub.ended());
    expect(sub.events).toEqual([{ type: "end", end: null }]);
  });
});
