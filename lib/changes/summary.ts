// The pending change in the admin's terms: per area, what was added, removed, or which
// field went from what to what. Pure: (snapshot at HEAD, draft snapshot) => summary.
import type {
  AccessRuleSnapshot,
  DraftSnapshot,
  MonitorSnapshot,
  ServiceSnapshot,
  VirtualHostSnapshot,
} from "@/lib/model/snapshot";
import { matchItems } from "./match-items";

export type AreaKey = "services" | "virtualHosts" | "accessRules" | "monitors" | "backup";

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

export interface ItemChange {
  kind: "added" | "removed" | "changed";
  /** What the admin calls the item: a service name, a subdomain, "#20 grafana → two_factor". */
  label: string;
  /** For added/removed items: their values in one line. */
  detail?: string;
  /** For changed items. */
  fields: FieldChange[];
}

export interface AreaSummary {
  area: AreaKey;
  title: string;
  /** Singular noun for commit messages ("vhost"). */
  noun: string;
  changes: ItemChange[];
}

export const EMPTY_SNAPSHOT: DraftSnapshot = {
  services: [],
  virtualHosts: [],
  accessRules: [],
  monitors: [],
  backup: { extraPaths: [], exclude: [] },
};

/** Only areas with changes, in the order of the dashboard's navigation. */
export function summarizeChanges(before: DraftSnapshot, after: DraftSnapshot): AreaSummary[] {
  const areas: AreaSummary[] = [
    { area: "services", title: "Services", noun: "service", changes: compareServices(before.services, after.services) },
    { area: "virtualHosts", title: "Virtual hosts", noun: "vhost", changes: compareVhosts(before.virtualHosts, after.virtualHosts) },
    { area: "accessRules", title: "Access rules", noun: "access rule", changes: compareRules(before.accessRules, after.accessRules) },
    { area: "monitors", title: "Monitors", noun: "monitor", changes: compareMonitors(before.monitors, after.monitors) },
    { area: "backup", title: "Backup", noun: "backup path", changes: compareBackup(before.backup, after.backup) },
  ];
  return areas.filter((a) => a.changes.length > 0);
}

export function countChanges(areas: AreaSummary[]): number {
  return areas.reduce((n, a) => n + a.changes.length, 0);
}

// ---- formatting values the way the forms show them

const list = (items: string[]) => (items.length === 0 ? "(none)" : items.join(", "));
const text = (s: string) => (s === "" ? "(none)" : s);
const yesNo = (b: boolean) => (b ? "enabled" : "disabled");
const subdomainLabel = (s: string) => (s === "@" ? "@ (bare domain)" : s);
const authLabel = (a: string) => (a === "authelia" ? "Authelia" : "no auth");
const subjectsLabel = (groups: string[][]) => (groups.length === 0 ? "(anyone)" : groups.map((g) => g.join(" + ")).join(" or "));

function fieldChanges<T>(before: T, after: T, fields: [string, (item: T) => string][]): FieldChange[] {
  return fields
    .map(([field, show]) => ({ field, before: show(before), after: show(after) }))
    .filter((f) => f.before !== f.after);
}

function compareKeyed<T>(
  before: T[],
  after: T[],
  key: (item: T) => string,
  label: (item: T) => string,
  detail: (item: T) => string,
  fields: [string, (item: T) => string][],
): ItemChange[] {
  const m = matchItems(before, after, key);
  return [
    ...m.added.map((item): ItemChange => ({ kind: "added", label: label(item), detail: detail(item), fields: [] })),
    ...m.changed.map(([b, a]): ItemChange => ({ kind: "changed", label: label(a), fields: fieldChanges(b, a, fields) })),
    ...m.removed.map((item): ItemChange => ({ kind: "removed", label: label(item), detail: detail(item), fields: [] })),
  ];
}

function compareServices(before: ServiceSnapshot[], after: ServiceSnapshot[]): ItemChange[] {
  return compareKeyed(before, after, (s) => s.name, (s) => s.name, (s) => yesNo(s.enabled), [["enabled", (s) => yesNo(s.enabled)]]);
}

function compareVhosts(before: VirtualHostSnapshot[], after: VirtualHostSnapshot[]): ItemChange[] {
  return compareKeyed(
    before,
    after,
    (v) => v.subdomain,
    (v) => subdomainLabel(v.subdomain),
    (v) => `${v.upstreamHost}:${v.upstreamPort}, ${authLabel(v.auth)}`,
    [
      ["upstream host", (v) => v.upstreamHost],
      ["port", (v) => String(v.upstreamPort)],
      ["auth", (v) => authLabel(v.auth)],
    ],
  );
}

export function ruleLabel(r: AccessRuleSnapshot): string {
  return `#${r.priority} ${r.domains.join(", ")} → ${r.policy}`;
}

/** Rules have no name: the same priority and domains is "the same rule" changed. */
export function ruleKey(r: AccessRuleSnapshot): string {
  return `${r.priority}\u0000${[...r.domains].sort().join("\u0000")}`;
}

function compareRules(before: AccessRuleSnapshot[], after: AccessRuleSnapshot[]): ItemChange[] {
  return compareKeyed(before, after, ruleKey, ruleLabel, (r) => `subjects ${subjectsLabel(r.subjects)}`, [
    ["priority", (r) => String(r.priority)],
    ["domains", (r) => list(r.domains)],
    ["policy", (r) => r.policy],
    ["subjects", (r) => subjectsLabel(r.subjects)],
    ["resources", (r) => list(r.resources)],
    ["methods", (r) => list(r.methods)],
    ["networks", (r) => list(r.networks)],
  ]);
}

function compareMonitors(before: MonitorSnapshot[], after: MonitorSnapshot[]): ItemChange[] {
  return compareKeyed(
    before,
    after,
    (m) => m.name,
    (m) => m.name,
    (m) => `${m.type} ${m.target} every ${m.interval}s`,
    [
      ["type", (m) => m.type],
      ["target", (m) => m.target],
      ["interval", (m) => `${m.interval}s`],
      ["keyword", (m) => text(m.keyword)],
      ["max retries", (m) => String(m.maxretries)],
    ],
  );
}

function compareBackup(before: DraftSnapshot["backup"], after: DraftSnapshot["backup"]): ItemChange[] {
  const paths = (b: DraftSnapshot["backup"]) => [
    ...b.extraPaths.map((p) => `include ${p}`),
    ...b.exclude.map((p) => `exclude ${p}`),
  ];
  const was = new Set(paths(before));
  const now = new Set(paths(after));
  return [
    ...[...now].filter((p) => !was.has(p)).map((label): ItemChange => ({ kind: "added", label, fields: [] })),
    ...[...was].filter((p) => !now.has(p)).map((label): ItemChange => ({ kind: "removed", label, fields: [] })),
  ];
}
