// scripts/migrations-current.mjs against databases migrated by the real `prisma migrate
// deploy` (the test template): it says "up to date" only when every migration is applied as written.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { createTestDatabase } from "@/lib/testing/test-db";

const SCRIPT = path.join(__dirname, "migrations-current.mjs");
const MIGRATIONS = path.join(__dirname, "..", "prisma", "migrations");
let migrated: { url: string; cleanup(): Promise<void> };
let tmp: string;

beforeAll(async () => {
  migrated = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "homey-migrations-current-"));
});
afterAll(async () => {
  await migrated.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const current = (migrations: string, url: string) => spawnSync(process.execPath, [SCRIPT, migrations, url]).status === 0;

describe("migrations-current", () => {
  it("is up to date on a database prisma migrate deploy made", () => {
    expect(current(MIGRATIONS, migrated.url)).toBe(true);
  });

  it("is not when a migration is missing from the database or was edited since", () => {
    const copy = path.join(tmp, "migrations");
    fs.cpSync(MIGRATIONS, copy, { recursive: true });
    fs.mkdirSync(path.join(copy, "29990101000000_next"));
    fs.writeFileSync(path.join(copy, "29990101000000_next", "migration.sql"), 'ALTER TABLE "Service" ADD COLUMN "x" TEXT;\n');
    expect(current(copy, migrated.url)).toBe(false);

    fs.rmSync(path.join(copy, "29990101000000_next"), { recursive: true });
    expect(current(copy, migrated.url)).toBe(true);
    const first = fs.readdirSync(copy).find((n) => fs.existsSync(path.join(copy, n, "migration.sql")))!;
    fs.appendFileSync(path.join(copy, first, "migration.sql"), "\n-- edited\n");
    expect(current(copy, migrated.url)).toBe(false);
  });

  it("is not for a missing file, an empty database, a failed migration, or a relative URL", () => {
    expect(current(MIGRATIONS, `file:${path.join(tmp, "missing.db")}`)).toBe(false);
    const empty = path.join(tmp, "empty.db");
    new Database(empty).close();
    expect(current(MIGRATIONS, `file:${empty}`)).toBe(false);

    const failed = path.join(tmp, "failed.db");
    fs.copyFileSync(migrated.url.slice("file:".length), failed);
    const db = new Database(failed);
    db.prepare("UPDATE _prisma_migrations SET finished_at = NULL").run();
    db.close();
    expect(current(MIGRATIONS, `file:${failed}`)).toBe(false);

    expect(current(MIGRATIONS, "file:./data/homey-admin.db")).toBe(false);
  });
});
