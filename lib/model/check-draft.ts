// The checker's input from the DB: every row (disabled ones included: the checker judges
// leftovers pointing at a disabled service), lists decoded, plus the settings homey runs with.
// Server-only: it reads the draft; lib/checks itself stays pure.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { adminGroup, adminHost, autheliaDefaultPolicy, homeyDomain } from "@/lib/config/env";
import { AREAS } from "./areas";
import { checkDraft, type CheckDraft, type Finding, type Viewer } from "@/lib/checks";

export type CheckSettings = Pick<CheckDraft, "domain" | "adminGroup" | "adminHost" | "defaultPolicy">;

/** homey's settings from the configuration (README "Configuration"). */
export function checkSettingsFromEnv(): CheckSettings {
  return { domain: homeyDomain(), adminGroup: adminGroup(), adminHost: adminHost(), defaultPolicy: autheliaDefaultPolicy() };
}

export async function loadCheckDraft(admin: AdminContext, settings: Partial<CheckSettings> = {}): Promise<CheckDraft> {
  const { db } = assertAdmin(admin);
  const [services, vhosts, rules, monitors, backupPaths] = await Promise.all([
    db.service.findMany({ orderBy: { id: "asc" } }),
    db.virtualHost.findMany({ orderBy: { id: "asc" } }),
    db.accessRule.findMany({ orderBy: { id: "asc" } }),
    db.monitor.findMany({ orderBy: { id: "asc" } }),
    db.backupPath.findMany({ orderBy: { id: "asc" } }),
  ]);
  return {
    ...checkSettingsFromEnv(),
    ...settings,
    services: services.map((s) => ({ id: s.id, name: s.name, enabled: s.enabled, protected: s.protected, stateDir: s.stateDir })),
    virtualHosts: vhosts.map((row) => {
      const v = AREAS.virtualHost.toValues(row);
      return { id: v.id, subdomain: v.subdomain, upstreamHost: v.upstreamHost, upstreamPort: v.upstreamPort, auth: v.auth, enabled: v.enabled, serviceId: v.serviceId };
    }),
    accessRules: rules.map((row) => {
      const r = AREAS.accessRule.toValues(row);
      return { id: r.id, priority: r.priority, domains: r.domains, resources: r.resources, subjects: r.subjects, policy: r.policy, methods: r.methods, networks: r.networks, note: r.note };
    }),
    monitors: monitors.map((row) => {
      const m = AREAS.monitor.toValues(row);
      return { id: m.id, name: m.name, type: m.type, target: m.target, interval: m.interval, keyword: m.keyword, maxretries: m.maxretries, enabled: m.enabled, serviceId: m.serviceId };
    }),
    backupPaths: backupPaths.map((row) => {
      const p = AREAS.backupPath.toValues(row);
      return { id: p.id, path: p.path, mode: p.mode, serviceId: p.serviceId };
    }),
  };
}

/** The signed-in admin, as the lockout guard sees them. */
export function viewerOf(admin: AdminContext): Viewer {
  const { identity } = assertAdmin(admin);
  return { user: identity.user, groups: [...identity.groups] };
}

/** The draft, the viewer and what the checker says about them: what pages show. */
export async function loadFindings(admin: AdminContext, settings: Partial<CheckSettings> = {}): Promise<{ draft: CheckDraft; viewer: Viewer; findings: Finding[] }> {
  const draft = await loadCheckDraft(admin, settings);
  const viewer = viewerOf(admin);
  return { draft, viewer, findings: checkDraft(draft, viewer) };
}
