// homey as seeded (lib/model/seed-data.ts) as a CheckDraft with ids: the base draft of the
// checker's tests and benchmark. Each call returns a fresh copy to mutate.
import { SEED_ACCESS_RULES, SEED_BACKUP_PATHS, SEED_MONITORS, SEED_SERVICES } from "@/lib/model/seed-data";
import type { CheckDraft, Viewer } from "./input";

export const HOMEY_VIEWER: Viewer = { user: "ada", groups: ["admins", "users"] };

export function homeyDraft(): CheckDraft {
  const services = SEED_SERVICES.map((s, i) => ({ id: i + 1, name: s.name, enabled: true, protected: s.protected ?? false, stateDir: s.stateDir ?? "" }));
  const serviceId = (name: string | null) => (name === null ? null : services.find((s) => s.name === name)!.id);
  const vhostSeeds = SEED_SERVICES.filter((s) => s.vhost);
  return {
    domain: "zakobar.com",
    adminGroup: "admins",
    adminHost: "admin",
    defaultPolicy: "deny",
    services,
    virtualHosts: vhostSeeds.map((s, i) => ({
      id: i + 1,
      subdomain: s.vhost!.subdomain,
      upstreamHost: "127.0.0.1",
      upstreamPort: s.vhost!.port,
      auth: s.vhost!.auth,
      enabled: true,
      serviceId: serviceId(s.name),
    })),
    accessRules: SEED_ACCESS_RULES.map((r, i) => ({ id: i + 1, ...r, domains: [...r.domains], resources: [...r.resources], subjects: r.subjects.map((a) => [...a]), methods: [...r.methods], networks: [...r.networks] })),
    monitors: SEED_MONITORS.map((m, i) => ({ id: i + 1, name: m.name, type: m.type, target: m.target, interval: m.interval, keyword: m.keyword, maxretries: m.maxretries, enabled: true, serviceId: serviceId(m.service) })),
    backupPaths: SEED_BACKUP_PATHS.map((p, i) => ({ id: i + 1, path: p.path, mode: p.mode, serviceId: serviceId(p.service) })),
  };
}
