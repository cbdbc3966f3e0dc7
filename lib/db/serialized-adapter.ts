// Prisma's better-sqlite3 adapter with every query outside a transaction waiting until no
// transaction is open (connection-lock.ts says why). Transactions take the same lock from
// BEGIN until Prisma commits or rolls back; queries inside one run without it.
import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { connectionLock, type ConnectionLock } from "./connection-lock";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;
type Factory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect">;

function serializedTransaction(tx: Transaction, release: () => void): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => tx.commit().finally(release),
    rollback: () => tx.rollback().finally(release),
  };
}

function serializedAdapter(adapter: Adapter, lock: ConnectionLock): Adapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => lock.with(() => adapter.queryRaw(query)),
    executeRaw: (query) => lock.with(() => adapter.executeRaw(query)),
    executeScript: (script) => lock.with(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      try {
        return serializedTransaction(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

/** The adapter factory for PrismaClient: one SQLite file, its queries ordered by its lock. */
export function serializedSqliteAdapter(url: string): Factory {
  const inner = new PrismaBetterSQLite3({ url });
  const lock = connectionLock(url);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => serializedAdapter(await inner.connect(), lock),
  };
}
