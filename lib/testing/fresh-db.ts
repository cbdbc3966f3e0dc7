// A fresh migrated SQLite file for every test of a Vitest file, removed after it:
//   let db: PrismaClient;
//   freshDatabaseEachTest((fresh) => (db = fresh));
import { afterEach, beforeEach } from "vitest";
import type { PrismaClient } from "@/lib/db/client";
import { createTestDatabase } from "./test-db";

export function freshDatabaseEachTest(use: (db: PrismaClient) => void): void {
  let cleanup: (() => Promise<void>) | null = null;
  beforeEach(async () => {
    const created = await createTestDatabase();
    cleanup = created.cleanup;
    use(created.db);
  });
  afterEach(async () => {
    await cleanup?.();
    cleanup = null;
  });
}
