// The better-sqlite3 log store on a real migrated SQLite file, beside Prisma on the same file:
// what the bus persists is what Prisma reads back, in order, and a failed batch leaves nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BusEvent, LogBus } from "./log-bus";
import { sqliteLogStore, type ClosableLogLineStore } from "./log-store";
import { createTempDb, type TempDb } from "./testing/deploy-harness";

let db: TempDb;
let store: ClosableLogLineStore;
beforeAll(async () => {
  db = await createTempDb();
  store = sqliteLogStore(db.url);
});
afterAll(async () => {
  store.close();
  await db.cleanup();
});

const newDeploy = () =>
  db.prisma.deploy.create({
    data: { commitSha: "0".repeat(40), action: "switch", status: "running", actor: "test", transport: "local", target: "local" },
  });

describe("sqliteLogStore", () => {
  it("persists every line through the bus, in order, readable by Prisma and replayable from the store", async () => {
    const deploy = await newDeploy();
    const bus = new LogBus(store, { flushIntervalMs: 5, flushMaxLines: 100, retainLines: 50, readPageSize: 64 });
    bus.open(deploy.id);
    const live: number[] = [];
    bus.subscribe(deploy.id, 1, (e: BusEvent) => e.type === "line" && live.push(e.seq));
    for (let i = 1; i <= 2_000; i++) {
      bus.append(deploy.id, `line ${i} — ünïcode`);
      if (i % 300 === 0) await new Promise((r) => setImmediate(r));
    }
    await db.prisma.deploy.update({ where: { id: deploy.id }, data: { status: "succeeded", exitCode: 0 } });
    await bus.close(deploy.id, { status: "succeeded", exitCode: 0, error: null });

    const rows = await db.prisma.deployLogLine.findMany({ where: { deployId: deploy.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 2_000 }, (_, i) => i + 1));
    expect(rows[41].text).toBe("line 42 — ünïcode");
    expect(live).toEqual(rows.map((r) => r.seq));

    // A browser opening the finished deploy mid-way: replayed from the store in pages, then the end.
    const replayed: BusEvent[] = [];
    await new Promise<void>((resolve) => bus.subscribe(deploy.id, 1_500, (e) => (replayed.push(e), e.type === "end" && resolve())));
    expect(replayed.filter((e) => e.type === "line").map((e) => (e.type === "line" ? e.seq : 0))).toEqual(
      Array.from({ length: 501 }, (_, i) => 1_500 + i),
    );
    expect(replayed.at(-1)).toEqual({ type: "end", end: { status: "succeeded", exitCode: 0, error: null } });
  });

  it("writes a batch all or nothing", async () => {
    const deploy = await newDeploy();
    await store.appendLines(deploy.id, [{ seq: 1, text: "a" }]);
    // seq 1 again: the primary key refuses it, and seq 2 of the same batch must not stay behind.
    await expect(store.appendLines(deploy.id, [{ seq: 2, text: "b" }, { seq: 1, text: "again" }])).rejects.toThrow(/UNIQUE/);
    expect(await store.readLines(deploy.id, 1, undefined, 10)).toEqual([{ seq: 1, text: "a" }]);
    await store.appendLines(deploy.id, [{ seq: 2, text: "b" }]);
    expect(await store.readLines(deploy.id, 1, 2, 10)).toEqual([{ seq: 1, text: "a" }]);
  });

  it("answers null for a deploy that does not exist, and refuses lines for it", async () => {
    expect(await store.readEnd(999_999)).toBeNull();
    await expect(store.appendLines(999_999, [{ seq: 1, text: "x" }])).rejects.toThrow(/FOREIGN KEY/);
  });
});
