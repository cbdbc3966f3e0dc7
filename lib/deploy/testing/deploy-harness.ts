// Shared setup for the deploy integration tests: one migrated SQLite file, one test rig
// (stand-in Nix store, optionally sshd), one homey repo — per test file — and runners
// wired to them exactly as instance.ts wires the real one, except for the target env.
import { expect } from "vitest";
import { createHomeyRepo, type HomeyRepo } from "@/scripts/test-rig/homey-repo";
import { startTestRig, type TestRig } from "@/scripts/test-rig/rig";
import { loadDeployTarget } from "../config";
import { type BusEvent, LogBus } from "../log-bus";
import { sqliteLogStore, type ClosableLogLineStore } from "../log-store";
import { DeployRunner, defaultTransportFor } from "../runner";
import { createLocalTransport } from "../transport-local";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { PrismaClient } from "@/lib/db/client";

/** A fresh migrated SQLite file (lib/testing/test-db.ts), named the way deploy tests use it. */
export interface TempDb {
  url: string;
  prisma: PrismaClient;
  cleanup(): Promise<void>;
}

/** A fresh migrated database in the shape the deploy tests use. */
export function createTempDb(): Promise<TempDb> {
  return createTestDatabase().then(({ db, url, cleanup }) => ({ url, prisma: db, cleanup }));
}

export interface DeployHarness {
  db: TempDb;
  rig: TestRig;
  repo: HomeyRepo;
  /** A runner whose target is the rig's `transport` env plus overrides (HOMEY_DEPLOY_* names). */
  runner(transport: "ssh" | "local", overrides?: Record<string, string>): DeployRunner;
  /** The persisted log of a deploy, in seq order. */
  storedLines(deployId: number): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startDeployHarness(options: { sshd: boolean }): Promise<DeployHarness> {
  const [db, rig] = await Promise.all([createTempDb(), startTestRig({ sshd: options.sshd })]);
  const repo = await createHomeyRepo(`${rig.dir}/homey`);
  const stores: ClosableLogLineStore[] = [];
  return {
    db,
    rig,
    repo,
    runner(transport, overrides = {}) {
      const env = { ...rig.env[transport], HOMEY_DEPLOY_FLAKE_REPO: repo.path, ...overrides };
      return new DeployRunner({
        prisma: db.prisma,
        bus: new LogBus(stores[stores.push(sqliteLogStore(db.url)) - 1], { flushIntervalMs: 50 }),
        loadTarget: () => loadDeployTarget(env),
        // The local stand-in needs the rig's state dir, which the app would have in its env.
        transportFor: (target) =>
          target.transport === "local"
            ? createLocalTransport({ env: { ...process.env, ...rig.standin.env }, cwd: rig.dir })
            : defaultTransportFor(target),
        progressIntervalMs: 50,
      });
    },
    async storedLines(deployId) {
      const rows = await db.prisma.deployLogLine.findMany({ where: { deployId }, orderBy: { seq: "asc" } });
      rows.forEach((row, i) => expect(row.seq).toBe(i + 1));
      return rows.map((row) => row.text);
    },
    async stop() {
      for (const store of stores) store.close();
      await rig.stop();
      await db.cleanup();
    },
  };
}

/** Resolves with the first line matching `pattern` (live or replayed). */
export function waitForLine(bus: LogBus, deployId: number, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = bus.subscribe(deployId, 1, (event: BusEvent) => {
      if (event.type === "line" && pattern.test(event.text)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(event.text);
      } else if (event.type === "end") {
        clearTimeout(timer);
        reject(new Error(`deploy ended (${event.end?.status}) before a line matched ${pattern}`));
      }
    });
  });
}

export { eventually } from "@/lib/testing/eventually";
