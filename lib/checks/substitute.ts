// The draft with one entity as an editor form currently has it: what the checker judges
// while the admin types. Pure; a new entity gets id 0 (no row has it: ids start at 1).
import type { AreaName } from "@/lib/model/areas";
import type { CheckAccessRule, CheckBackupPath, CheckDraft, CheckMonitor, CheckService, CheckVirtualHost } from "./input";
import type { Finding } from "./finding";
import type { Severity } from "./codes";

export interface CheckEntities {
  service: CheckService;
  virtualHost: CheckVirtualHost;
  accessRule: CheckAccessRule;
  monitor: CheckMonitor;
  backupPath: CheckBackupPath;
}

/** The id a form's entity has before it is saved. */
export const NEW_ENTITY_ID = 0;

const LIST = {
  service: "services",
  virtualHost: "virtualHosts",
  accessRule: "accessRules",
  monitor: "monitors",
  backupPath: "backupPaths",
} as const satisfies Record<AreaName, keyof CheckDraft>;

/** What a new entity is before the form says otherwise (the forms' own defaults). */
const DEFAULTS: { [A in AreaName]: Omit<CheckEntities[A], "id"> } = {
  service: { name: "", enabled: true, protected: false, stateDir: "" },
  virtualHost: { subdomain: "", upstreamHost: "127.0.0.1", upstreamPort: 0, auth: "authelia", enabled: true, serviceId: null },
  accessRule: { priority: 0, domains: [], resources: [], subjects: [], policy: "two_factor", methods: [], networks: [], note: "" },
  monitor: { name: "", type: "http", target: "", interval: 60, keyword: "", maxretries: 0, enabled: true, serviceId: null },
  backupPath: { path: "", mode: "include", serviceId: null },
};

/** Only the entity's own keys: form values carry more (title, note, kind). */
function pick<A extends AreaName>(area: A, values: Record<string, unknown>): Partial<CheckEntities[A]> {
  const known = Object.keys(DEFAULTS[area]);
  return Object.fromEntries(Object.entries(values).filter(([k, v]) => known.includes(k) && v !== undefined)) as Partial<CheckEntities[A]>;
}

export function withEntity<A extends AreaName>(draft: CheckDraft, area: A, id: number, values: Record<string, unknown>): CheckDraft {
  const key = LIST[area];
  const list = draft[key] as unknown[] as CheckEntities[A][];
  const patch = pick(area, values);
  const existing = list.find((e) => e.id === id);
  const entity = { ...DEFAULTS[area], ...existing, ...patch, id } as CheckEntities[A];
  const next = existing ? list.map((e) => (e.id === id ? entity : e)) : [...list, entity];
  return { ...draft, [key]: next };
}

export interface RowBadge {
  count: number;
  worst: Severity;
  messages: string[];
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Per row of an area: how many findings, and the worst of them (for list badges). */
export function badgesFor(findings: readonly Finding[], area: AreaName): Map<number, RowBadge> {
  const out = new Map<number, RowBadge>();
  for (const f of findings) {
    if (f.area !== area || f.entityId === null) continue;
    const b = out.get(f.entityId) ?? { count: 0, worst: f.severity, messages: [] };
    b.count += 1;
    if (RANK[f.severity] < RANK[b.worst]) b.worst = f.severity;
    b.messages.push(f.message);
    out.set(f.entityId, b);
  }
  return out;
}
