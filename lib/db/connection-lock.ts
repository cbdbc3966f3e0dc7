// One lock per SQLite file in this process. Prisma's better-sqlite3 adapter runs every query,
// inside a transaction or not, on one connection; a query from another request issued while
// an interactive transaction is open would run inside it, read its uncommitted rows and be
// rolled back with it (a toggle's saved write silently undone). The adapter's own mutex only
// orders transactions against each other, so serialized-adapter.ts takes this lock for every
// query outside a transaction, and the deploy log's own connection (log-store.ts) takes it for
// its writes, which would otherwise wait synchronously on Prisma's write lock.
import path from "node:path";

export type Release = () => void;

/** First come, first served; release is idempotent. */
export class ConnectionLock {
  #tail: Promise<void> = Promise.resolve();

  acquire(): Promise<Release> {
    let open!: () => void;
    const held = new Promise<void>((resolve) => (open = resolve));
    const turn = this.#tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open();
      };
    });
    this.#tail = this.#tail.then(() => held);
    return turn;
  }

  /** run() with the lock held. */
  async with<T>(run: () => T | Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  }
}

/** The file path of a `file:` database URL, as Prisma's better-sqlite3 adapter opens it. */
export function sqliteFilePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got ${JSON.stringify(databaseUrl)}.`);
  }
  return databaseUrl.slice("file:".length).replace(/\?.*$/, "");
}

// On globalThis: Next's dev-mode module reloads and every client of one file share one lock.
const globalForLocks = globalThis as unknown as { homeySqliteLocks?: Map<string, ConnectionLock> };

/** The lock of the SQLite file `databaseUrl` names. */
export function connectionLock(databaseUrl: string): ConnectionLock {
  const locks = (globalForLocks.homeySqliteLocks ??= new Map());
  const key = path.resolve(sqliteFilePath(databaseUrl));
  let lock = locks.get(key);
  if (!lock) locks.set(key, (lock = new ConnectionLock()));
  return lock;
}
