// The detached deploy's remote side, as command lines and parsers (pure: no I/O).
//
// On the target a deploy is a transient systemd unit `homey-admin-deploy-<id>-<token>`
// started with systemd-run: it outlives the SSH session, a networking restart and
// homey-admin's own restart. Its output goes to the journal; its result stays readable
// (RemainAfterExit=yes, no --collect) until homey-admin has recorded it and released the
// unit. Every command line is a fixed script plus positional arguments that are validated
// (unit names, argv from command.ts, cursors from journalctl) and single-quoted.
import type { RebuildCommand } from "./command";
import { shellCommandLine } from "./shell-quote";

export const UNIT_PREFIX = "homey-admin-deploy-";
/** Serialises "is one of ours running? → start" between homey-admin instances on the target. */
export const TARGET_LOCK_FILE = "/run/lock/homey-admin-deploy.lock";
/** Exit code of the start script when the target is busy. */
export const BUSY_EXIT = 75;

const UNIT_NAME = /^homey-admin-deploy-[1-9][0-9]{0,9}-[0-9a-f]{8}\.service$/;

export function deployUnitName(deployId: number, token: string): string {
  const name = `${UNIT_PREFIX}${deployId}-${token}.service`;
  return assertUnitName(name);
}

export function assertUnitName(name: string): string {
  if (!UNIT_NAME.test(name)) throw new Error(`not a homey-admin deploy unit name: ${JSON.stringify(name)}`);
  return name;
}

/** The line the unit's wrapper prints last: "<marker> <unit> <exit code>". */
export const END_MARKER = "homey-admin-deploy-end";

// Runs inside the unit: the rebuild, then the end marker on the same stream as its output.
// The marker tells the follower that the journal holds every line of the rebuild; a unit
// stopped or killed has none, and the follower falls back to the unit's state.
const WRAPPER = `"$@"; rc=$?; echo "${END_MARKER} $HOMEY_ADMIN_DEPLOY_UNIT $rc"; exit $rc`;

// Under the target-wide flock: refuse while any unit of ours runs, else start this one.
// systemd-run refuses a unit name that exists, a second guard for the same deploy.
const START = [
  "set -u",
  'unit="$1"; description="$2"; shift 2',
  // list-units columns: UNIT LOAD ACTIVE SUB DESCRIPTION
  `busy=$(systemctl list-units --all --plain --no-legend --no-pager '${UNIT_PREFIX}*' | awk '$4 == "running" || $3 == "activating" || $3 == "deactivating" || $3 == "reloading" { print "busy " $0 }')`,
  `if [ -n "$busy" ]; then printf '%s\\n' "$busy"; exit ${BUSY_EXIT}; fi`,
  'exec systemd-run --quiet --unit="$unit" --description="$description" --service-type=exec' +
    " --property=RemainAfterExit=yes --property=LogRateLimitIntervalSec=0 --property=KillMode=control-group" +
    ' --setenv=PATH="$PATH" --setenv=HOME="${HOME:-/root}" --setenv=HOMEY_ADMIN_DEPLOY_UNIT="$unit"' +
    ` sh -c '${WRAPPER}' homey-admin-deploy "$@"`,
].join("\n");

export function startUnitLine(unit: string, description: string, command: RebuildCommand): string {
  if (/[\n\r\0]/.test(description)) throw new Error("unit description must be one line");
  return shellCommandLine(["flock", "-n", "-E", String(BUSY_EXIT), TARGET_LOCK_FILE, "sh", "-c", START, "homey-admin-start", assertUnitName(unit), description, ...command.argv]);
}

/** Lines of a refused start: "busy <unit> <load> <active> <sub> <description>". */
export function parseBusy(output: string): { unit: string; description: string }[] {
  const found: { unit: string; description: string }[] = [];
  for (const line of output.split("\n")) {
    const match = /^busy\s+(\S+)\s+\S+\s+\S+\s+\S+\s*(.*)$/.exec(line.trim());
    if (match) found.push({ unit: match[1], description: match[2] });
  }
  return found;
}

const SHOW_PROPERTIES = ["LoadState", "ActiveState", "SubState", "Result", "ExecMainCode", "ExecMainStatus"] as const;

export function showUnitLine(unit: string): string {
  return shellCommandLine(["systemctl", "show", `--property=${SHOW_PROPERTIES.join(",")}`, "--", assertUnitName(unit)]);
}

export interface UnitState {
  loadState: string;
  activeState: string;
  subState: string;
  /** success, exit-code, signal, timeout, core-dump... */
  result: string;
  /** 1 exited, 2 killed, 3 dumped (CLD_* codes); 0 when it never ran. */
  execMainCode: number;
  execMainStatus: number;
}

export function parseShow(output: string): UnitState {
  const values = new Map<string, string>();
  for (const line of output.split("\n")) {
    const eq = line.indexOf("=");
    if (eq > 0) values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return {
    loadState: values.get("LoadState") ?? "",
    activeState: values.get("ActiveState") ?? "",
    subState: values.get("SubState") ?? "",
    result: values.get("Result") ?? "",
    execMainCode: Number(values.get("ExecMainCode") ?? 0) || 0,
    execMainStatus: Number(values.get("ExecMainStatus") ?? 0) || 0,
  };
}

/** Still doing something: its process runs, or systemd is starting/stopping it. */
export function isRunning(state: UnitState): boolean {
  return state.subState === "running" || ["activating", "deactivating", "reloading"].includes(state.activeState);
}

/** The unit's own output only (not systemd's messages about it), as JSON, optionally after a cursor. */
export function journalLine(unit: string, options: { follow: boolean; afterCursor: string | null }): string {
  const argv = ["journalctl", `_SYSTEMD_UNIT=${assertUnitName(unit)}`, "--output=json", "--no-pager", "--lines=all"];
  if (options.follow) argv.push("--follow");
  if (options.afterCursor) argv.push(`--after-cursor=${assertCursor(options.afterCursor)}`);
  return shellCommandLine(argv);
}

/** Stops a running unit (its whole cgroup), then forgets a failed one: after its result is recorded. */
export function stopUnitLine(unit: string): string {
  return shellCommandLine(["systemctl", "stop", "--", assertUnitName(unit)]);
}

export function releaseUnitLine(unit: string): string {
  const name = assertUnitName(unit);
  return shellCommandLine(["sh", "-c", 'systemctl stop -- "$1" 2>/dev/null; systemctl reset-failed -- "$1" 2>/dev/null; exit 0', "homey-admin-release", name]);
}

function assertCursor(cursor: string): string {
  // journald cursors: "s=...;i=...;b=...;m=...;t=...;x=..." (hex and ';', '=').
  if (!/^[A-Za-z0-9;=]+$/.test(cursor)) throw new Error("not a journal cursor");
  return cursor;
}

export interface JournalEntry {
  cursor: string;
  message: string;
}

/** One line of `journalctl -o json`; null for anything else (a pty's noise, a partial line). */
export function parseJournalLine(line: string): JournalEntry | null {
  if (!line.startsWith("{")) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  const cursor = record.__CURSOR;
  if (typeof cursor !== "string") return null;
  const raw = record.MESSAGE;
  // Non-UTF-8 messages come as an array of bytes; a missing message is an empty line.
  const message =
    typeof raw === "string"
      ? raw
      : Array.isArray(raw) && raw.every((b) => typeof b === "number")
        ? Buffer.from(raw as number[]).toString("utf8")
        : "";
  return { cursor, message };
}

/** The wrapper's last line for this unit → the rebuild's exit code. */
export function parseEndMarker(message: string, unit: string): number | null {
  const parts = message.trim().split(" ");
  if (parts.length !== 3 || parts[0] !== END_MARKER || parts[1] !== unit) return null;
  return /^\d+$/.test(parts[2]) ? Number(parts[2]) : null;
}
