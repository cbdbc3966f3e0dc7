// From a row of the Changes summary to the editor of the draft row it is about, and the
// one-line title of a first-run import. Pure: the summary's labels are matched against the
// draft the checker reads (which has the row ids), with the same label functions.
import type { CheckDraft } from "@/lib/checks";
import type { AreaName } from "@/lib/model/areas";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { ruleLabel, type AreaKey, type AreaSummary, type ItemChange } from "./summary";

export interface ChangeTarget {
  area: AreaName;
  /** The draft row, or null for a removed item (its area's list is the place to look). */
  id: number | null;
}

const AREA_OF: Record<AreaKey, AreaName> = {
  services: "service",
  virtualHosts: "virtualHost",
  accessRules: "accessRule",
  monitors: "monitor",
  backup: "backupPath",
};

const subdomainLabel = (s: string) => (s === "@" ? "@ (bare domain)" : s);

function findId(area: AreaKey, label: string, draft: CheckDraft): number | null {
  switch (area) {
    case "services":
      return draft.services.find((s) => s.name === label)?.id ?? null;
    case "virtualHosts":
      return draft.virtualHosts.find((v) => subdomainLabel(v.subdomain) === label)?.id ?? null;
    case "accessRules":
      return draft.accessRules.find((r) => ruleLabel(r) === label)?.id ?? null;
    case "monitors":
      return draft.monitors.find((m) => m.name === label)?.id ?? null;
    case "backup":
      return draft.backupPaths.find((b) => `${b.mode} ${b.path}` === label)?.id ?? null;
  }
}

/** Where to edit what a summary row describes; a removed row has no draft row left. */
export function changeTarget(area: AreaKey, change: ItemChange, draft: CheckDraft): ChangeTarget {
  return { area: AREA_OF[area], id: change.kind === "removed" ? null : findId(area, change.label, draft) };
}

/**
 * A first-run import: HEAD has no generated settings yet (no files, or only the empty
 * default.nix the repo starts with), so the whole draft is new.
 */
export function isInitialImport(headHadFiles: boolean, head: DraftSnapshot | null): boolean {
  if (!headHadFiles || head === null) return true;
  return (
    head.services.length === 0 &&
    head.virtualHosts.length === 0 &&
    head.accessRules.length === 0 &&
    head.monitors.length === 0 &&
    head.backup.extraPaths.length === 0 &&
    head.backup.exclude.length === 0
  );
}

const NOUNS: Record<AreaKey, [string, string]> = {
  services: ["service", "services"],
  virtualHosts: ["vhost", "vhosts"],
  accessRules: ["access rule", "access rules"],
  monitors: ["monitor", "monitors"],
  backup: ["backup path", "backup paths"],
};

/** "Initial import: 12 services, 10 vhosts, 20 access rules, 8 monitors, 3 backup paths". */
export function initialImportTitle(areas: readonly AreaSummary[]): string {
  const parts = areas.map((a) => {
    const n = a.changes.length;
    return `${n} ${NOUNS[a.area][n === 1 ? 0 : 1]}`;
  });
  return `Initial import: ${parts.join(", ")}`;
}
