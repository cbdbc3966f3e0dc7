// The unprivileged half of homey-admin's self-restart (lib/deploy/self-restart.ts): create
// the request file the NixOS module's homey-admin-restart.path watches (PathExists=). Root's
// oneshot behind it removes the file and restarts homey-admin.service; the app itself needs
// no privilege, only its own state directory.
import "server-only";
import { randomBytes } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { currentConfig } from "@/lib/config/load";

export interface SelfRestartRequest {
  deployId: number;
  from: string;
  to: string;
}

export interface SelfRestartHook {
  /** This process's package (HOMEY_ADMIN_PACKAGE). */
  ownPackage: string;
  /** Asks systemd for the restart; called only once the deploy's result is recorded. */
  pull(request: SelfRestartRequest): Promise<void>;
}

/**
 * Writes the request whole, then renames it into place: the path unit sees the file appear
 * once, complete (what it holds is for the admin reading the state directory, not for systemd).
 */
export function fileRestartTrigger(file: string, clock: () => Date = () => new Date()): (request: SelfRestartRequest) => Promise<void> {
  return async (request) => {
    const temporary = path.join(/*turbopackIgnore: true*/ path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString("hex")}`);
    writeFileSync(temporary, `${JSON.stringify({ ...request, requestedAt: clock().toISOString() })}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  };
}

/** From the module's variables; null when either is missing (not run by the NixOS module). */
export function selfRestartFromEnv(): SelfRestartHook | null {
  const config = currentConfig();
  const ownPackage = config.HOMEY_ADMIN_PACKAGE;
  const file = config.HOMEY_ADMIN_RESTART_FILE;
  if (!ownPackage || !file) return null;
  return { ownPackage, pull: fileRestartTrigger(file) };
}
