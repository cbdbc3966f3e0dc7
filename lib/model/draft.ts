import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import type { DraftSnapshot } from "./snapshot";
import { decodeStringList, decodeSubjects } from "./json-list";
import type { AccessPolicy, MonitorType, VhostAuth } from "./snapshot";

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The draft as the renderer needs it: what is enabled, in a stable order. */
export async function loadDraftSnapshot(admin: AdminContext): Promise<DraftSnapshot> {
  const { db } = assertAdmin(admin);
  const [services, vhosts, rules, monitors, backupPaths] = await Promise.all([
    db.service.findMany(),
    db.virtualHost.findMany({ where: { enabled: true } }),
    db.accessRule.findMany(),
    db.monitor.findMany({ where: { enabled: true } }),
    db.backupPath.findMany(),
  ]);
  return {
    services: services.map((s) => ({ name: s.name, enabled: s.enabled })).sort((a, b) => byText(a.name, b.name)),
    virtualHosts: vhosts
      .map((v) => ({ subdomain: v.subdomain, upstreamHost: v.upstreamHost, upstreamPort: v.upstreamPort, auth: v.auth as VhostAuth }))
      .sort((a, b) => byText(a.subdomain, b.subdomain)),
    accessRules: rules
      .map((r) => ({
        priority: r.priority,
        domains: decodeStringList(r.domains),
        resources: decodeStringList(r.resources),
        subjects: decodeSubjects(r.subjects),
        policy: r.policy as AccessPolicy,
        methods: decodeStringList(r.methods),
        networks: decodeStringList(r.networks),
      }))
      .sort((a, b) => a.priority - b.priority || byText(JSON.stringify(a), JSON.stringify(b))),
    monitors: monitors
      .map((m) => ({
        name: m.name,
        type: m.type as MonitorType,
        target: m.target,
        interval: m.interval,
        keyword: m.keyword,
        maxretries: m.maxretries,
      }))
      .sort((a, b) => byText(a.name, b.name)),
    backup: {
      extraPaths: backupPaths.filter((p) => p.mode === "include").map((p) => p.path).sort(byText),
      exclude: backupPaths.filter((p) => p.mode === "exclude").map((p) => p.path).sort(byText),
    },
  };
}
