// One SQLite connection under Prisma, shared by every request: what one request writes or reads
// outside a transaction must not become part of another request's open transaction. Real
// migrated SQLite files; the "other request" is a transaction that waits, then rolls back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sqliteLogStore } from "@/lib/deploy/log-store";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ConnectionLock, connectionLock, sqliteFilePath } from "./connection-lock";

let test: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  test = await createTestDatabase();
  await test.db.service.createMany({ data: [{ name: "a", title: "a" }, { name: "b", title: "b" }] });
});
afterEach(() => test.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const enabled = async (name: string) => (await test.db.service.findUniqueOrThrow({ where: { name } })).enabled;

/** A transaction that switches `a` off, holds it open a while, then fails (rolls back). */
function failingTransaction(): Promise<string> {
  return test.db
    .$transaction(async (tx) => {
      await tx.service.update({ where: { name: "a" }, data: { enabled: false } });
      await sleep(200);
      throw new Error("rolled back on purpose");
    })
    .then(
      () => "committed",
      (e: Error) => e.message,
    );
}

describe("queries outside a transaction", () => {
  it("keep a write made while another transaction is open, when that transaction rolls back", async () => {
    const other = failingTransaction();
    await sleep(20);
    await test.db.service.update({ where: { name: "b" }, data: { enabled: false } });
    expect(await other).toBe("rolled back on purpose");
    expect(await enabled("a")).toBe(true);
    expect(await enabled("b")).toBe(false);
  });

  it("never read another transaction's uncommitted rows", async () => {
    const other = failingTransaction();
    await sleep(20);
    const duringTheOther = await enabled("a");
    await other;
    expect(duringTheOther).toBe(true);
  });

  it("take turns with the deploy log's own connection: a batch written during a transaction lands", async () => {
    const store = sqliteLogStore(test.url);
    try {
      const deploy = await test.db.deploy.create({
        data: { commitSha: "0".repeat(40), action: "switch", status: "running", actor: "test", transport: "local", target: "local" },
      });
      const other = test.db.$transaction(async (tx) => {
        await tx.service.update({ where: { name: "a" }, data: { enabled: false } });
        await sleep(200);
      });
      await sleep(20);
      // Without the turns this waits synchronously for Prisma's write lock, which cannot be
      // released while it waits: SQLITE_BUSY after busy_timeout, and the batch is lost.
      await store.appendLines(deploy.id, [{ seq: 1, text: "line one" }]);
      await other;
      expect(await test.db.deployLogLine.findMany({ where: { deployId: deploy.id }, select: { seq: true, text: true } })).toEqual([{ seq: 1, text: "line one" }]);
      expect(await enabled("a")).toBe(false);
    } finally {
      store.close();
    }
  });
});

describe("ConnectionLock", () => {
  it("hands the lock over in the order it was asked for, and a second release does nothing", async () => {
    const lock = new ConnectionLock();
    const order: string[] = [];
    const first = await lock.acquire();
    const second = lock.acquire().then((release) => (order.push("second"), release));
    const third = lock.with(() => order.push("third"));
    await sleep(5);
    expect(order).toEqual([]);
    first();
    first();
    const releaseSecond = await second;
    await sleep(5);
    expect(order).toEqual(["second"]);
    releaseSecond();
    await third;
    expect(order).toEqual(["second", "third"]);
  });

  it("is one per database file, however the URL spells it", () => {
    expect(connectionLock("file:/tmp/x/../homey.db?connection_limit=1")).toBe(connectionLock("file:/tmp/homey.db"));
    expect(connectionLock("file:/tmp/homey.db")).not.toBe(connectionLock("file:/tmp/other.db"));
  });

  it("names what is wrong with a DATABASE_URL it cannot open", () => {
    expect(sqliteFilePath("file:/var/lib/homey-admin/homey-admin.db?connection_limit=1")).toBe("/var/lib/homey-admin/homey-admin.db");
    expect(() => sqliteFilePath("postgres://x")).toThrow(/must be a SQLite "file:" URL/);
  });
});
