import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl } from "@/lib/config/env";
import { serializedSqliteAdapter } from "./serialized-adapter";

// One client per process: Next's dev server reloads modules, so it lives on globalThis.
const globalForPrisma = globalThis as unknown as { homeyPrisma?: PrismaClient };

export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: serializedSqliteAdapter(url) });
}

export const prisma: PrismaClient = (globalForPrisma.homeyPrisma ??= createPrismaClient(databaseUrl()));

export type { PrismaClient };
