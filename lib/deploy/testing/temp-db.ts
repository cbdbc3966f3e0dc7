// A fresh SQLite file with the real migrations applied the way production does it
// (`prisma migrate deploy`), and a client on it. For deploy integration tests.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";

const run = promisify(execFile);
const PROJECT_ROOT = path.resolve(__dirname, "../../..");

export interface TempDb {
  url: string;
  prisma: PrismaClient;
  cleanup(): Promise<void>;
}

export async function createTempDb(): Promise<TempDb> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "homey-deploy-db-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await run(process.execPath, [path.join(PROJECT_ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    async cleanup() {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
