// Switching one service on or off in the draft: the quick-toggle page's only write. It goes
// through the one write path (versioned, audited, protected services refused there) and
// changes `enabled` and nothing else.
import "server-only";
import type { AdminContext } from "@/lib/auth/admin-context";
import { AppError } from "@/lib/errors/app-error";
import type { AreaRow } from "./areas";
import { patchRow } from "./mutations";

export { protectedOffError } from "./protected";

export interface ServiceToggleResult {
  id: number;
  name: string;
  enabled: boolean;
  /** The row's version after the call. */
  version: number;
  /** false when the draft already had that value (nothing was written). */
  changed: boolean;
}

/** Someone saved the row since the page was loaded: overwrite nothing, say what it is now. */
function toggleConflict(row: AreaRow<"service">): AppError {
  return new AppError(
    "VERSION_CONFLICT",
    `${row.updatedBy} changed ${row.name} a moment ago; it is now ${row.enabled ? "on" : "off"} in the draft. Nothing was changed: toggle again if you still want it ${row.enabled ? "off" : "on"}.`,
    { current: { id: row.id, version: row.version, enabled: row.enabled } },
  );
}

export async function setServiceEnabled(admin: AdminContext, id: number, expectedVersion: number, enabled: boolean): Promise<ServiceToggleResult> {
  const { before, after } = await patchRow(admin, "service", id, expectedVersion, { enabled }, toggleConflict);
  if (!after) return { id, name: before.name, enabled, version: before.version, changed: false };
  return { id, name: after.name, enabled: after.enabled, version: after.version, changed: true };
}
