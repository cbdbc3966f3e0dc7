import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditInput {
  actor: string;
  action: string;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Called inside the same transaction as the write it describes. */
export async function recordAuditEvent(db: Db, event: AuditInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      actor: event.actor,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    },
  });
}

export async function listAuditEvents(admin: AdminContext, options: { take?: number; skip?: number; entityType?: string } = {}) {
  return assertAdmin(admin).db.auditEvent.findMany({
    where: options.entityType ? { entityType: options.entityType } : undefined,
    orderBy: { id: "desc" },
    take: options.take ?? 100,
    skip: options.skip ?? 0,
  });
}
