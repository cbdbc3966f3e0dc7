// The zod-free half of "New service": homey's rule shapes and ranges, the section toggles
// and the unique-name conflicts. The form renders and prefills with these at first paint;
// the schemas that judge a submit (./new-service.ts, zod) load after it.
import type { AccessRuleInput } from "./access-rule";
import type { BackupPathInput } from "./backup-path";
import type { MonitorInput } from "./monitor";
import type { ServiceInput } from "./service";
import type { VirtualHostInput } from "./virtual-host";

export const NEW_SERVICE_SECTIONS = ["vhost", "rules", "monitor", "backup"] as const;
export type NewServiceSection = (typeof NEW_SERVICE_SECTIONS)[number];

/** The two shapes homey's conventions give a service's rules. */
export const RULE_ACCESS = ["admins", "open"] as const;
export type RuleAccess = (typeof RULE_ACCESS)[number];

/** Where each shape lives (seed: 20–49 admin two_factor + deny pairs, 50–64 one_factor open). */
export const RULE_RANGES: Record<RuleAccess, { first: number; last: number; size: number; label: string }> = {
  // A pair needs two priorities, so it starts at 48 at the latest.
  admins: { first: 20, last: 49, size: 2, label: "20–49 (admin two_factor + deny pairs)" },
  open: { first: 50, last: 64, size: 1, label: "50–64 (one_factor open)" },
};

/** The section's toggle in the form: ticked = create it. */
export const sectionField = (section: NewServiceSection) => `with.${section}`;

export interface NewServicePlan {
  service: ServiceInput;
  virtualHost: Omit<VirtualHostInput, "serviceId"> | null;
  accessRules: AccessRuleInput[];
  monitor: Omit<MonitorInput, "serviceId"> | null;
  backupPath: Omit<BackupPathInput, "serviceId"> | null;
}

export type FieldErrors = Record<string, string[]>;

export type PlanResult = { ok: true; plan: NewServicePlan } | { ok: false; fieldErrors: FieldErrors };

export type Raw = Record<string, unknown>;

export const isOn = (raw: Raw, section: NewServiceSection) => {
  const v = raw[sectionField(section)];
  return v === "on" || v === true || v === "true";
};

/** The fields of one section, without their prefix. */
export function section(raw: Raw, prefix: string): Raw {
  const out: Raw = {};
  for (const [k, v] of Object.entries(raw)) if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}

/** The rules one access shape makes for a subdomain, starting at `priority`. */
export function rulesFor(access: RuleAccess, priority: number, subdomain: string, adminGroup: string, title: string): AccessRuleInput[] {
  const base = { domains: [subdomain], resources: [], methods: [], networks: [] };
  if (access === "open") return [{ ...base, priority, policy: "one_factor", subjects: [], note: `${title}: anyone signed in.` }];
  return [
    { ...base, priority, policy: "two_factor", subjects: [[`group:${adminGroup}`]], note: `${title}: ${adminGroup} only, two factors.` },
    { ...base, priority: priority + 1, policy: "deny", subjects: [], note: `${title}: everyone else is refused.` },
  ];
}

/** The lowest start in the shape's range whose priorities are all free, or null when it is full. */
export function nextFreePriority(used: Iterable<number>, access: RuleAccess): number | null {
  const taken = new Set(used);
  const { first, last, size } = RULE_RANGES[access];
  for (let p = first; p + size - 1 <= last; p++) {
    let free = true;
    for (let i = 0; i < size; i++) if (taken.has(p + i)) free = false;
    if (free) return p;
  }
  return null;
}

/** Why `priority` cannot start the shape's rules, or null. */
export function priorityProblem(priority: number, access: RuleAccess, used: Iterable<number>): string | null {
  const range = RULE_RANGES[access];
  const next = nextFreePriority(used, access);
  const suggest = next === null ? ` The range ${range.label} is full: free a priority there first.` : ` The next free one is ${next}.`;
  if (priority < range.first || priority + range.size - 1 > range.last) {
    return `${access === "admins" ? "An admin pair" : "An open rule"} belongs in homey's range ${range.label}${range.size > 1 ? `, starting at ${range.last - 1} at the latest` : ""}.${suggest}`;
  }
  const taken = new Set(used);
  const clash = [...Array(range.size).keys()].map((i) => priority + i).filter((p) => taken.has(p));
  if (clash.length > 0) return `Priority ${clash.join(" and ")} is already taken by another rule.${suggest}`;
  return null;
}

/** What already exists, as the draft has it: names that must stay unique. */
export interface ExistingNames {
  services: Iterable<string>;
  subdomains: Iterable<string>;
  monitors: Iterable<string>;
  /** Backup paths with their mode. */
  backupPaths: Iterable<{ path: string; mode: string }>;
}

/** The values that must stay unique, as far as they are known (absent = not created). */
export interface UniqueValues {
  name?: string;
  subdomain?: string;
  monitorName?: string;
  backupPath?: { path: string; mode: string };
}

/** Unique names that clash with existing rows, at the field that names them. */
export function nameConflicts(values: UniqueValues, existing: ExistingNames): FieldErrors {
  const errors: FieldErrors = {};
  const has = (list: Iterable<string>, value: string) => [...list].some((v) => v === value);
  if (values.name && has(existing.services, values.name)) errors.name = [`A service named ${values.name} already exists. Pick another name, or edit that one.`];
  if (values.subdomain && has(existing.subdomains, values.subdomain)) {
    errors["vhost.subdomain"] = [`The subdomain ${values.subdomain} already has a virtual host. Pick another subdomain, or skip this section.`];
  }
  if (values.monitorName && has(existing.monitors, values.monitorName)) errors["monitor.name"] = [`A monitor named ${values.monitorName} already exists. Pick another name.`];
  const backup = values.backupPath;
  if (backup && [...existing.backupPaths].some((p) => p.path === backup.path && p.mode === backup.mode)) {
    errors["backup.path"] = [`${backup.path} is already a backup path. Skip this section, or give a path inside it.`];
  }
  return errors;
}

/** Unique names the plan would clash with, at the field that names them. */
export function planConflicts(plan: NewServicePlan, existing: ExistingNames): FieldErrors {
  return nameConflicts(
    { name: plan.service.name, subdomain: plan.virtualHost?.subdomain, monitorName: plan.monitor?.name, backupPath: plan.backupPath ?? undefined },
    existing,
  );
}

/** The same, from the form's fields while the admin types (names as the schemas normalise them). */
export function typedConflicts(raw: Record<string, string>, existing: ExistingNames): FieldErrors {
  const t = (key: string) => (raw[key] ?? "").trim();
  return nameConflicts(
    {
      name: t("name"),
      subdomain: isOn(raw, "vhost") ? t("vhost.subdomain").toLowerCase() : undefined,
      monitorName: isOn(raw, "monitor") ? t("monitor.name") : undefined,
      backupPath: isOn(raw, "backup") && t("backup.path") ? { path: t("backup.path"), mode: "include" } : undefined,
    },
    existing,
  );
}
