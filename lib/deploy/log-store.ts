// DeployLogLine / Deploy as the log bus's permanent store. The log is the one hot write path
// of the app (a chatty build prints 100k+ lines): it goes through better-sqlite3 prepared
// statements, one transaction per batch, on the same SQLite file Prisma uses (WAL mode, so
// Prisma's readers and this writer do not block each other; writers take turns, see
// lib/db/connection-lock.ts). Prisma stays for everything else.
import "server-only";
import Database from "better-sqlite3";
import { connectionLock, sqliteFilePath } from "@/lib/db/connection-lock";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EndInfo, LogLine, LogLineStore } from "./log-bus";
import { isDeployStatus } from "./status";

export interface ClosableLogLineStore extends LogLineStore {
  /** Closes the SQLite handle (tests, shutdown). */
  close(): void;
}

export function sqliteLogStore(databaseUrl: string): ClosableLogLineStore {
  const db = new Database(sqliteFilePath(databaseUrl));
  // In this process, Prisma's transactions and this writer take turns (connection-lock.ts): a
  // batch never busy-waits on a write lock whose holder needs the event loop to let go. The
  // timeout covers other processes on the file (a migration, the CLI), and the mode switch below.
  const lock = connectionLock(databaseUrl);
  db.pragma("busy_timeout = 5000");
  // WAL: readers (Prisma, SSE replays) never wait for a log batch; the setting is kept in the file.
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  const insert = db.prepare<[number, number, string]>('INSERT INTO "DeployLogLine" ("deployId", "seq", "text") VALUES (?, ?, ?)');
  const insertBatch = db.transaction((deployId: number, lines: LogLine[]) => {
    for (const line of lines) insert.run(deployId, line.seq, line.text);
  });
  const fromSeq = db.prepare<[number, number, number], LogLine>(
    'SELECT "seq", "text" FROM "DeployLogLine" WHERE "deployId" = ? AND "seq" >= ? ORDER BY "seq" ASC LIMIT ?',
  );
  const between = db.prepare<[number, number, number, number], LogLine>(
    'SELECT "seq", "text" FROM "DeployLogLine" WHERE "deployId" = ? AND "seq" >= ? AND "seq" < ? ORDER BY "seq" ASC LIMIT ?',
  );
  const end = db.prepare<[number], { status: string; exitCode: number | null; error: string | null }>(
    'SELECT "status", "exitCode", "error" FROM "Deploy" WHERE "id" = ?',
  );
  return {
    // Synchronous underneath; async to keep the bus's contract (and its one-write-at-a-time order).
    async readLines(deployId, from, beforeSeq, limit) {
      return beforeSeq === undefined ? fromSeq.all(deployId, from, limit) : between.all(deployId, from, beforeSeq, limit);
    },
    async appendLines(deployId, lines) {
      // All or nothing: a failed batch (disk full) leaves no partial run of seqs, so the bus's retry cannot collide.
      await lock.with(() => insertBatch(deployId, lines));
    },
    async readEnd(deployId): Promise<EndInfo | null> {
      const row = end.get(deployId);
      if (!row) return null;
      return { status: isDeployStatus(row.status) ? row.status : "failed", exitCode: row.exitCode, error: row.error };
    },
    close() {
      db.close();
    },
  };
}

/** The previous store, through Prisma; kept for bench/log-view.ts's before/after row. */
export function prismaLogStore(prisma: PrismaClient): LogLineStore {
  return {
    async readLines(deployId, fromSeq, beforeSeq, limit) {
      return prisma.deployLogLine.findMany({
        where: { deployId, seq: beforeSeq === undefined ? { gte: fromSeq } : { gte: fromSeq, lt: beforeSeq } },
        orderBy: { seq: "asc" },
        take: limit,
        select: { seq: true, text: true },
      });
    },
    async appendLines(deployId, lines: LogLine[]) {
      await prisma.deployLogLine.createMany({
        data: lines.map((line) => ({ deployId, seq: line.seq, text: line.text })),
      });
    },
    async readEnd(deployId): Promise<EndInfo | null> {
      const row = await prisma.deploy.findUnique({
        where: { id: deployId },
        select: { status: true, exitCode: true, error: true },
      });
      if (!row) return null;
      return { status: isDeployStatus(row.status) ? row.status : "failed", exitCode: row.exitCode, error: row.error };
    },
  };
}
