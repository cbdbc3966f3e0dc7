import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import type { DraftSnapshot } from "./snapshot";
import { accessRuleArea, backupPathArea, monitorArea, serviceArea, virtualHostArea } from "./areas";

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The draft as the renderer needs it: what is enabled, in a stable order. */
export async function loadDraftSnapshot(admin: AdminContext): Promise<DraftSnapshot> {
  const { db } = assertAdmin(admin);
  const [servicesRows, vhostRows, ruleRows, monitorRows, pathRows] = await Promise.all([
    db.service.findMany(),
    db.virtualHost.findMany({ where: { enabled: true } }),
    db.accessRule.findMany(),
    db.monitor.findMany({ where: { enabled: true } }),
    db.backupPath.findMany(),
  ]);
  const [services, vhosts, rules, monitors, backupPaths] = [
    servicesRows.map(serviceArea.toValues),
    vhostRows.map(virtualHostArea.toValues),
    ruleRows.map(accessRuleArea.toValues),
    monitorRows.map(monitorArea.toValues),
    pathRows.map(backupPathArea.toValues),
  ];
  return {
    services: services.map((s) => ({ name: s.name, enabled: s.enabled })).sort((a, b) => byText(a.name, b.name)),
    virtualHosts: vhosts
      .map((v) => ({ subdomain: v.subdomain, upstreamHost: v.upstreamHost, upstreamPort: v.upstreamPort, auth: v.auth }))
      .sort((a, b) => byText(a.subdomain, b.subdomain)),
    accessRules: rules
      .map((r) => ({ priority: r.priority, domains: r.domains, resources: r.resources, subjects: r.subjects, policy: r.policy, methods: r.methods, networks: r.networks }))
      .sort((a, b) => a.priority - b.priority || byText(JSON.stringify(a), JSON.stringify(b))),
    monitors: monitors
      .map((m) => ({ name: m.name, type: m.type, target: m.target, interval: m.interval, keyword: m.keyword, maxretries: m.maxretries }))
      .sort((a, b) => byText(a.name, b.name)),
    backup: {
      extraPaths: backupPaths.filter((p) => p.mode === "include").map((p) => p.path).sort(byText),
      exclude: backupPaths.filter((p) => p.mode === "exclude").map((p) => p.path).sort(byText),
    },
  };
}
