import "server-only";
// Writing audit events (reading them as a timeline: ./timeline.ts).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

type Db = PrismaClient | Prisma.TransactionClient;

export interface AuditInput {
  actor: string;
  /** The actor's display name when known (AdminContext.actorName). */
  actorName?: string | null;
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
      actorName: event.actorName ?? null,
      action: event.action,
      entityType: event.entityType,
      entityId: String(event.entityId),
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    },
  });
}
