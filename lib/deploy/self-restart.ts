// homey-admin restarting itself after a switch that changed its own package (pure: no I/O).
//
// The NixOS module sets `restartIfChanged = false` on homey-admin.service, so a switch never
// kills the app that runs it; the switch's daemon-reload still loads the new unit. After
// the deploy, the app reads that unit on the target (`systemctl show`) and compares the
// package it names with its own (HOMEY_ADMIN_PACKAGE, set by the module). When they
// differ, the app records that on the deploy and then creates a request file that a
// systemd `.path` unit of the module watches (PathExists=): root's oneshot removes the
// file and restarts homey-admin.service. The service itself stays unprivileged.
import type { DeployKind } from "./command";
import { DEPLOY_STATUS_LABELS, type DeployStatus } from "./status";
import { shellCommandLine } from "./shell-quote";

/** The module's unit name for homey-admin itself. */
export const SELF_SERVICE = "homey-admin.service";

/** Actions that activate a new system (and so may have loaded a new homey-admin unit). */
const ACTIVATING: readonly string[] = ["switch", "test", "rollback"] satisfies DeployKind[];
/** Statuses after which the new system is active: switched, or switched with some units failed. */
const ACTIVATED: readonly DeployStatus[] = ["succeeded", "units_failed"];

/** Whether the deploy left a new system active, so homey-admin's unit may have changed. */
export function activatedNewSystem(action: string, status: DeployStatus): boolean {
  return ACTIVATING.includes(action) && ACTIVATED.includes(status);
}

export function selfServiceShowLine(): string {
  return shellCommandLine(["systemctl", "show", "--property=LoadState,Environment,ExecStart", "--", SELF_SERVICE]);
}

const STORE_PATH = /^\/nix\/store\/[0-9a-z]{32}-[^/\s"]+/;

export interface SelfServiceOnTarget {
  loadState: string;
  /** The package the loaded unit runs: its HOMEY_ADMIN_PACKAGE, else the store path of its ExecStart program. */
  package: string | null;
}

/** Reads `systemctl show --property=LoadState,Environment,ExecStart homey-admin.service`. */
export function parseSelfService(output: string): SelfServiceOnTarget {
  let loadState = "";
  let fromEnvironment: string | null = null;
  let fromExecStart: string | null = null;
  for (const line of output.split("\n")) {
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === "LoadState") loadState = value;
    if (key === "Environment") {
      // Space-separated NAME=value words; systemd quotes a word that needs it.
      const match = /(?:^|\s)"?HOMEY_ADMIN_PACKAGE=(\S+?)"?(?:\s|$)/.exec(value);
      fromEnvironment = match && STORE_PATH.test(match[1]) ? STORE_PATH.exec(match[1])![0] : null;
    }
    if (key === "ExecStart") {
      // "{ path=/nix/store/…/bin/homey-admin ; argv[]=… ; … }"
      const path = /(?:^|[\s{])path=(\S+)/.exec(value)?.[1] ?? "";
      fromExecStart = STORE_PATH.exec(path)?.[0] ?? null;
    }
  }
  return { loadState, package: fromEnvironment ?? fromExecStart };
}

export type SelfRestartDecision = { restart: true; from: string; to: string } | { restart: false; why: string };

export function decideSelfRestart(input: {
  /** This process's package (HOMEY_ADMIN_PACKAGE); null when not run by the NixOS module. */
  ownPackage: string | null;
  action: string;
  status: DeployStatus;
  /** The target's homey-admin unit after the deploy; null when it could not be read. */
  unit: SelfServiceOnTarget | null;
}): SelfRestartDecision {
  const { ownPackage, action, status, unit } = input;
  if (!ownPackage) return { restart: false, why: "not run by the NixOS module (HOMEY_ADMIN_PACKAGE is not set)" };
  if (!ACTIVATING.includes(action)) return { restart: false, why: `a ${action} activates nothing` };
  if (!ACTIVATED.includes(status)) return { restart: false, why: `the deploy ended ${DEPLOY_STATUS_LABELS[status]}: no new system is active` };
  if (!unit) return { restart: false, why: `${SELF_SERVICE} on the target could not be read` };
  if (unit.loadState !== "loaded") return { restart: false, why: `the target has no ${SELF_SERVICE} (${unit.loadState || "unknown"})` };
  if (!unit.package) return { restart: false, why: `the target's ${SELF_SERVICE} names no homey-admin package` };
  if (unit.package === ownPackage) return { restart: false, why: "homey-admin's package is unchanged" };
  return { restart: true, from: ownPackage, to: unit.package };
}
