// Switching one service on or off in the draft: the quick-toggle page's only write. It goes
// through the one write path (versioned, audited, protected services refused there) and
// changes `enabled` and nothing else.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { AppError } from "@/lib/errors/app-error";
import type { AreaRow } from "./areas";
import { describeMoved } from "./mutations";
import { getRowOrThrow, setDependentsEnabled, updateInTx } from "./write-path";

export { protectedOffError } from "./protected";

export interface ServiceToggleResult {
  id: number;
  name: string;
  enabled: boolean;
  /** The row's version after the call. */
  version: number;
  /** false when the draft already had that value (nothing was written). */
  changed: boolean;
  /** What moved with it, said in one sentence (empty when nothing did). */
  moved: string[];
}

/** Someone saved the row since the page was loaded: overwrite nothing, say what it is now. */
function toggleConflict(row: AreaRow<"service">): AppError {
  return new AppError(
    "VERSION_CONFLICT",
    `${row.updatedBy} changed ${row.name} a moment ago; it is now ${row.enabled ? "on" : "off"} in the draft. Nothing was changed: toggle again if you still want it ${row.enabled ? "off" : "on"}.`,
    { current: { id: row.id, version: row.version, enabled: row.enabled } },
  );
}

export interface ToggleOptions {
  /** Move the service's vhosts and monitors with it (lib/model/write-path.ts setDependentsEnabled). */
  withDependents?: boolean;
}

export async function setServiceEnabled(admin: AdminContext, id: number, expectedVersion: number, enabled: boolean, options: ToggleOptions = {}): Promise<ServiceToggleResult> {
  const { db, actor, actorName } = assertAdmin(admin);
  return db.$transaction(async (tx) => {
    const before = await getRowOrThrow(tx, "service", id);
    const after = await updateInTx(tx, "service", { actor, actorName }, before, expectedVersion, { enabled }, toggleConflict);
    if (!after) return { id, name: before.name, enabled, version: before.version, changed: false, moved: [] };
    const moved = options.withDependents ? describeMoved(await setDependentsEnabled(tx, { actor, actorName }, id, enabled), enabled) : [];
    return { id, name: after.name, enabled: after.enabled, version: after.version, changed: true, moved };
  });
}
