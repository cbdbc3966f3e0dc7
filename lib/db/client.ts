import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/config/env";

// One client per process: Next's dev server reloads modules, so it lives on globalThis.
const globalForPrisma = globalThis as unknown as { homeyPrisma?: PrismaClient };

export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

export const prisma: PrismaClient = (globalForPrisma.homeyPrisma ??= createPrismaClient(databaseUrl()));

export type { PrismaClient };
