// What a switch would do, read from `switch-to-configuration dry-activate`'s own lines
// (the preview script runs the built system's after its build): the units it would stop, start,
// restart and reload, the changed units it would leave alone, whether systemd itself
// restarts, and where the built system is (the preview script's marker line, command.ts
// PREVIEW_SCRIPT, or nixos-rebuild-ng's "Done. The new configuration is …" in older logs),
// which the confirmed switch activates (command.ts ACTIVATE_SCRIPT). Pure: the deploy page (live, in the browser)
// and the confirm action (on the server, from the stored log) read the same picture.
//
// NixOS's default for a changed service is stopIfChanged: it is stopped before the
// activation and started after it, so it appears in both "would stop" and "would start".
// The picture shows that as a restart (stop → start), not as "goes away" plus "new".

export interface ActivationPreview {
  /** The built system (a store path), or null when the log does not name it. */
  outPath: string | null;
  /** Stopped and not started again: the unit goes away. */
  stop: string[];
  /** Started and not running before (new or switched on). */
  start: string[];
  /** Restarted: "would restart", or stopped before and started after the activation. */
  restart: string[];
  reload: string[];
  /** Changed, but left running as it is (restartIfChanged = false). */
  notRestarted: string[];
  restartSystemd: boolean;
  /** Restarts/stops of the parts everything depends on: a short outage of sign-in or of the dashboard. */
  outages: Outage[];
  /** What the runner asked the target after the build (package-diff.ts); null when it did not ask. */
  packages: PackagesSeen | null;
  /** The log has no dry-activate lines at all (not a dry-activate, or it did not get that far). */
  empty: boolean;
}

export type PackagesSeen =
  | { tool: string; ok: boolean; lines: string[] }
  | { tool: null; reason: string };

/** The runner's log lines for package changes (written by package-diff.ts, read back here). */
export const PACKAGES_PREFIX = "homey-admin: package changes by ";
export const PACKAGES_NONE_PREFIX = "homey-admin: package changes: ";
export const PACKAGE_LINE_PREFIX = "homey-admin: package | ";

export interface Outage {
  unit: string;
  part: CorePart;
  /** "restart": down for a moment; "stop": down until switched on again. */
  kind: "restart" | "stop";
}

/** The parts of homey a restart of which is felt by everyone (the lockout guard's set). */
export const CORE_PARTS = ["caddy", "authelia", "openldap", "homey-admin"] as const;
export type CorePart = (typeof CORE_PARTS)[number];

export const OUTAGE_EFFECT: Record<CorePart, string> = {
  caddy: "every site is unreachable while Caddy restarts",
  authelia: "nobody can sign in while Authelia restarts",
  openldap: "sign-in fails while OpenLDAP restarts",
  "homey-admin": "this dashboard is unreachable while it restarts",
};

const LIST_LINES: { prefix: string; into: "stop" | "start" | "restart" | "reload" | "notRestarted" }[] = [
  { prefix: "would stop the following units: ", into: "stop" },
  { prefix: "would NOT stop the following changed units: ", into: "notRestarted" },
  { prefix: "would restart the following units: ", into: "restart" },
  { prefix: "would start the following units: ", into: "start" },
  { prefix: "would reload the following units: ", into: "reload" },
];

const DONE_PREFIX = "Done. The new configuration is ";
/**
 * The preview script's own line naming its build (readlink -f of the build's ./result): printed
 * whichever nixos-rebuild ran, so it wins over a "Done." line. Bash nixos-rebuild (25.05's
 * default) prints nothing of the kind; nixos-rebuild-ng prints "Done." for build, too.
 */
export const PREVIEW_BUILT_PREFIX = "homey-admin: preview built ";
/** A store path: absolute, then <32-char hash>-<name>, nothing a shell would read. */
export const STORE_PATH_PATTERN = /^\/[A-Za-z0-9._+/-]*\/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9._+-]+$/;

/** The unit's core part, if it is one: caddy.service, podman-authelia.service, authelia-main.service, … */
export function corePartOf(unit: string): CorePart | null {
  if (!unit.endsWith(".service")) return null;
  const base = unit.slice(0, -".service".length).replace(/^podman-/, "");
  for (const part of CORE_PARTS) {
    if (base === part || base.startsWith(`${part}-`)) return part;
  }
  return null;
}

export function parseActivationPreview(lines: readonly string[]): ActivationPreview {
  const lists = { stop: new Set<string>(), start: new Set<string>(), restart: new Set<string>(), reload: new Set<string>(), notRestarted: new Set<string>() };
  let outPath: string | null = null;
  let marked: string | null = null;
  let restartSystemd = false;
  let seen = false;
  // nixos-rebuild-ng writes "Done. The new configuration is" to stderr and the path to
  // stdout: over separate streams they arrive as two lines, in either order.
  let doneAlone = false;
  let bareStorePath: string | null = null;
  let packages: PackagesSeen | null = null;
  for (const raw of lines) {
    // Remote lines may carry a build prefix or trailing "\r"; the dry-activate lines are plain.
    const line = raw.trimEnd();
    if (line.startsWith(PACKAGES_PREFIX)) {
      const tool = line.slice(PACKAGES_PREFIX.length).replace(/:$/, "");
      packages = { tool: tool.replace(/ \(failed\)$/, ""), ok: !tool.endsWith(" (failed)"), lines: [] };
      continue;
    }
    if (line.startsWith(PACKAGES_NONE_PREFIX)) {
      packages = { tool: null, reason: line.slice(PACKAGES_NONE_PREFIX.length) };
      continue;
    }
    if (raw.startsWith(PACKAGE_LINE_PREFIX)) {
      if (packages?.tool) packages.lines.push(raw.slice(PACKAGE_LINE_PREFIX.length));
      continue;
    }
    // Anywhere in the line: nixos-rebuild-ng leaves "Done. The new configuration is " on
    // stderr without a newline (the path goes to stdout), so on stderr the marker that follows
    // continues that line. "<path> (kept from garbage collection by …)": the path is the first word.
    const mark = line.indexOf(PREVIEW_BUILT_PREFIX);
    if (mark >= 0) {
      const path = line.slice(mark + PREVIEW_BUILT_PREFIX.length).split(" ")[0];
      if (STORE_PATH_PATTERN.test(path)) marked = path;
      continue;
    }
    if (line === "would restart systemd") {
      restartSystemd = seen = true;
      continue;
    }
    if (line === "would activate the configuration...") seen = true;
    if (line.startsWith(DONE_PREFIX.trimEnd())) {
      const path = line.slice(DONE_PREFIX.length).trim();
      if (STORE_PATH_PATTERN.test(path)) outPath = path;
      else if (path === "") doneAlone = true;
      continue;
    }
    if (STORE_PATH_PATTERN.test(line.trim())) bareStorePath = line.trim();
    for (const { prefix, into } of LIST_LINES) {
      if (!line.startsWith(prefix)) continue;
      seen = true;
      for (const unit of line.slice(prefix.length).split(",")) {
        const name = unit.trim();
        if (name) lists[into].add(name);
      }
    }
  }
  if (!outPath && doneAlone) outPath = bareStorePath;
  if (marked) outPath = marked;
  // stop + start = restart (stopIfChanged); a restarted unit is not also "reloaded".
  const stopStart = [...lists.stop].filter((u) => lists.start.has(u));
  for (const unit of stopStart) {
    lists.stop.delete(unit);
    lists.start.delete(unit);
    lists.restart.add(unit);
  }
  for (const unit of lists.restart) lists.reload.delete(unit);
  const sorted = (set: Set<string>) => [...set].sort();
  const preview = {
    outPath,
    stop: sorted(lists.stop),
    start: sorted(lists.start),
    restart: sorted(lists.restart),
    reload: sorted(lists.reload),
    notRestarted: sorted(lists.notRestarted),
    restartSystemd,
    packages,
    empty: !seen,
  };
  const outages: Outage[] = [];
  for (const [kind, units] of [["restart", preview.restart], ["stop", preview.stop]] as const) {
    for (const unit of units) {
      const part = corePartOf(unit);
      if (part) outages.push({ unit, part, kind });
    }
  }
  return { ...preview, outages };
}

/** Nothing starts, stops, restarts or reloads. */
export function changesNothing(preview: ActivationPreview): boolean {
  return (
    preview.stop.length + preview.start.length + preview.restart.length + preview.reload.length + preview.notRestarted.length === 0 &&
    !preview.restartSystemd
  );
}
