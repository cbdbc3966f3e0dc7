// Switching one service on or off in the draft: the quick-toggle page's only write. A thin
// layer over updateRow (versioned, audited) that changes `enabled` and nothing else, and
// refuses to switch off a service homey cannot run without.
import "server-only";
import type { PrismaClient } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { PROTECTED_REASON } from "@/lib/quick/states";
import { serviceArea } from "./areas";
import { updateRow } from "./mutations";

export interface ServiceToggleResult {
  id: number;
  name: string;
  enabled: boolean;
  /** The row's version after the call. */
  version: number;
  /** false when the draft already had that value (nothing was written). */
  changed: boolean;
}

export function protectedOffError(name: string): AppError {
  return new AppError(
    "PROTECTED",
    `${name} is protected and stays on: ${PROTECTED_REASON}. Switching it off is done in Nix, by hand.`,
  );
}

type ServiceRow = NonNullable<Awaited<ReturnType<PrismaClient["service"]["findUnique"]>>>;

/** Someone saved the row since the page was loaded: overwrite nothing, say what it is now. */
function toggleConflict(row: ServiceRow): AppError {
  return new AppError(
    "VERSION_CONFLICT",
    `${row.updatedBy} changed ${row.name} a moment ago; it is now ${row.enabled ? "on" : "off"} in the draft. Nothing was changed: toggle again if you still want it ${row.enabled ? "off" : "on"}.`,
    { current: { id: row.id, version: row.version, enabled: row.enabled } },
  );
}

async function getServiceOrThrow(db: PrismaClient, id: number): Promise<ServiceRow> {
  const row = await db.service.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", "That service no longer exists; someone may have deleted it.");
  return row;
}

export async function setServiceEnabled(
  db: PrismaClient,
  actor: string,
  id: number,
  expectedVersion: number,
  enabled: boolean,
): Promise<ServiceToggleResult> {
  const row = await getServiceOrThrow(db, id);
  if (!enabled && row.protected) throw protectedOffError(row.name);
  if (row.version !== expectedVersion) throw toggleConflict(row);
  if (row.enabled === enabled) return { id, name: row.name, enabled, version: row.version, changed: false };
  try {
    // Every other field as saved: the toggle changes `enabled` only.
    await updateRow(db, "service", actor, id, expectedVersion, { ...serviceArea.toValues(row), enabled });
  } catch (error) {
    // Saved by someone else between the read above and the write.
    if (isAppError(error) && error.code === "VERSION_CONFLICT") throw toggleConflict(await getServiceOrThrow(db, id));
    throw error;
  }
  return { id, name: row.name, enabled, version: expectedVersion + 1, changed: true };
}
