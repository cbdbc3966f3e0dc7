// A fresh SQLite file migrated with the real migrations (prisma/migrations), for
// integration tests. Each call gets its own temp dir; cleanup() disconnects and removes it.
//
// `prisma migrate deploy` costs seconds, so it runs once per set of migrations: into a template
// named after a hash of prisma/migrations, which no client ever opens. Every call then gets
// its own byte-for-byte copy of what the migrations produced. Changing a migration changes
// the hash, so a stale template is never used.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { copyFile, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
const MIGRATIONS = path.join(PROJECT_ROOT, "prisma", "migrations");

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)),
    );
  });
}

function migrationsHash(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else hash.update(path.relative(MIGRATIONS, file)).update("\0").update(readFileSync(file)).update("\0");
    }
  };
  walk(MIGRATIONS);
  return hash.digest("hex").slice(0, 16);
}

/** The template database for the current migrations, migrating it on first use. */
async function migratedTemplate(): Promise<string> {
  const dir = path.join(os.tmpdir(), `homey-admin-migrated-${migrationsHash()}`);
  const file = path.join(dir, "test.db");
  if (existsSync(file)) return file;
  // Migrate next to it, then rename into place: a concurrent run sees all or nothing.
  const work = await mkdtemp(`${dir}-work-`);
  try {
    await run("npx", ["prisma", "migrate", "deploy"], { ...process.env, DATABASE_URL: `file:${path.join(work, "test.db")}` });
    await rename(work, dir).catch(async (e: NodeJS.ErrnoException) => {
      if (!existsSync(file)) throw e; // someone else won the race: use theirs
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return file;
}

let template: Promise<string> | undefined;

export async function createTestDatabase(): Promise<{ db: PrismaClient; url: string; cleanup(): Promise<void> }> {
  template ??= migratedTemplate().catch((e: unknown) => {
    template = undefined;
    throw e;
  });
  const source = await template;
  const dir = await mkdtemp(path.join(os.tmpdir(), "homey-admin-test-"));
  const file = path.join(dir, "test.db");
  await copyFile(source, file);
  const url = `file:${file}`;
  const db = createPrismaClient(url);
  return {
    db,
    url,
    async cleanup() {
      await db.$disconnect();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
