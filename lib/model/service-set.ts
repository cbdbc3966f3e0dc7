// The rows that belong to a service, as "New service" creates them: its vhosts, the access
// rules written only for those vhosts' subdomains, its monitors and backup paths. Removing a
// service offers this set. Pure: the edit page derives it from the checker's draft, the
// delete derives it again from the rows in its transaction.

export const SET_AREAS = ["virtualHost", "accessRule", "monitor", "backupPath"] as const;
export type SetArea = (typeof SET_AREAS)[number];

export type ServiceSetIds = Record<SetArea, number[]>;

export interface SetItem {
  id: number;
  label: string;
}

export type ServiceSet = Record<SetArea, SetItem[]>;

interface SetRows {
  virtualHosts: readonly { id: number; subdomain: string; serviceId: number | null }[];
  accessRules: readonly { id: number; priority: number; policy: string; domains: readonly string[] }[];
  monitors: readonly { id: number; name: string; serviceId: number | null }[];
  backupPaths: readonly { id: number; path: string; mode: string; serviceId: number | null }[];
}

/**
 * A rule is in the set when every domain it names is a subdomain of the service's vhosts:
 * a rule that also covers another host (or `*`) is not the service's to remove.
 */
export function serviceSet(rows: SetRows, serviceId: number): ServiceSet {
  const vhosts = rows.virtualHosts.filter((v) => v.serviceId === serviceId);
  const subdomains = new Set(vhosts.map((v) => v.subdomain));
  const rules = rows.accessRules.filter((r) => r.domains.length > 0 && r.domains.every((d) => subdomains.has(d)));
  return {
    virtualHost: vhosts.map((v) => ({ id: v.id, label: v.subdomain })),
    accessRule: [...rules].sort((a, b) => a.priority - b.priority || a.id - b.id).map((r) => ({ id: r.id, label: `#${r.priority} ${r.domains.join(", ")} → ${r.policy}` })),
    monitor: rows.monitors.filter((m) => m.serviceId === serviceId).map((m) => ({ id: m.id, label: m.name })),
    backupPath: rows.backupPaths.filter((p) => p.serviceId === serviceId).map((p) => ({ id: p.id, label: p.mode === "exclude" ? `exclude ${p.path}` : p.path })),
  };
}

export const SET_LABELS: Record<SetArea, string> = {
  virtualHost: "Virtual hosts",
  accessRule: "Access rules for its hosts",
  monitor: "Monitors",
  backupPath: "Backup paths",
};

/** The form field a ticked row posts under. */
export const removeField = (area: SetArea) => `remove.${area}`;

export function isSetEmpty(set: ServiceSet): boolean {
  return SET_AREAS.every((a) => set[a].length === 0);
}
