// The audit trail of break-glass sign-ins, bounded: every wrong password below the limit is
// written (at most five per address and lockout), each lockout is one event, and the attempts
// refused while an address is locked only raise that event's count — a flood of refused
// attempts updates one row instead of adding one per attempt.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const BREAK_GLASS_ACTOR = "break-glass";
export const LOCKED_ACTION = "break-glass-locked";
/** Lockout events are about the source address, so the newest one per address is found by id. */
const SOURCE_ENTITY = "break-glass-source";

export interface LockoutRecord {
  address: string;
  failures: number;
  lockedMinutes: number;
  lockedUntil: string;
  refused: number;
}

export async function auditAttempt(db: PrismaClient, action: "break-glass-login" | "break-glass-failed", address: string): Promise<void> {
  const detail = action === "break-glass-login" ? "signed in" : "wrong password";
  await recordAuditEvent(db, { actor: BREAK_GLASS_ACTOR, action, entityType: "session", entityId: BREAK_GLASS_ACTOR, after: { detail, address } });
}

export async function auditLockout(db: PrismaClient, record: LockoutRecord): Promise<void> {
  await recordAuditEvent(db, { actor: BREAK_GLASS_ACTOR, action: LOCKED_ACTION, entityType: SOURCE_ENTITY, entityId: record.address, after: record });
}

/** Sets the refused count on the address's current lockout event (written when it was locked). */
export async function countRefused(db: PrismaClient, address: string, refused: number): Promise<void> {
  const event = await db.auditEvent.findFirst({
    where: { action: LOCKED_ACTION, entityType: SOURCE_ENTITY, entityId: address },
    orderBy: { id: "desc" },
  });
  if (!event?.after) return;
  const record = JSON.parse(event.after) as LockoutRecord;
  // Concurrent refusals may finish out of order: never lower the count.
  if (refused <= record.refused) return;
  await db.auditEvent.update({ where: { id: event.id }, data: { after: JSON.stringify({ ...record, refused }) } });
}
