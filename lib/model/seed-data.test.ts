// Every row homey starts from must pass the same schema an admin's edit passes.
import { describe, expect, it } from "vitest";
import { accessRuleSchema, priorityRangeWarning } from "./schemas/access-rule";
import { backupPathSchema } from "./schemas/backup-path";
import { monitorSchema } from "./schemas/monitor";
import { serviceSchema } from "./schemas/service";
import { virtualHostSchema } from "./schemas/virtual-host";
import { SEED_ACCESS_RULES, SEED_BACKUP_PATHS, SEED_MONITORS, SEED_SERVICES } from "./seed-data";

const serviceNames = new Set(SEED_SERVICES.map((s) => s.name));

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.success ? [] : result.error!.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
}

describe("seed data", () => {
  it.each(SEED_SERVICES.map((s) => [s.name, s] as const))("service %s passes serviceSchema", (_name, s) => {
    const { vhost: _vhost, ...service } = s;
    expect(issues(serviceSchema.safeParse({ ...service, enabled: true, protected: s.protected ?? false, stateDir: s.stateDir ?? "" }))).toEqual([]);
  });

  it.each(SEED_SERVICES.filter((s) => s.vhost).map((s) => [s.vhost!.subdomain, s.vhost!] as const))("vhost %s passes virtualHostSchema", (_sub, v) => {
    const result = virtualHostSchema.safeParse({ subdomain: v.subdomain, upstreamPort: v.port, auth: v.auth, enabled: true, serviceId: 1 });
    expect(issues(result)).toEqual([]);
  });

  it.each(SEED_ACCESS_RULES.map((r) => [r.priority, r] as const))("access rule %i passes accessRuleSchema and fits homey's ranges", (_p, r) => {
    expect(issues(accessRuleSchema.safeParse(r))).toEqual([]);
    expect(priorityRangeWarning(r.priority, r.policy)).toBeNull();
  });

  it.each(SEED_MONITORS.map((m) => [m.name, m] as const))("monitor %s passes monitorSchema", (_name, m) => {
    const { service, ...monitor } = m;
    expect(issues(monitorSchema.safeParse({ ...monitor, enabled: true, serviceId: 1 }))).toEqual([]);
    expect(serviceNames).toContain(service);
  });

  it.each(SEED_BACKUP_PATHS.map((p) => [`${p.mode} ${p.path}`, p] as const))("backup path %s passes backupPathSchema", (_label, p) => {
    const { service, ...path } = p;
    expect(issues(backupPathSchema.safeParse({ ...path, serviceId: null }))).toEqual([]);
    if (service !== null) expect(serviceNames).toContain(service);
  });

  it("has no duplicates where the database wants unique values", () => {
    const unique = (xs: string[]) => expect(new Set(xs).size).toBe(xs.length);
    unique(SEED_SERVICES.map((s) => s.name));
    unique(SEED_SERVICES.flatMap((s) => (s.vhost ? [s.vhost.subdomain] : [])));
    unique(SEED_MONITORS.map((m) => m.name));
    unique(SEED_BACKUP_PATHS.map((p) => `${p.mode} ${p.path}`));
  });

  it("leaves the domain to configuration", () => {
    const text = JSON.stringify([SEED_SERVICES, SEED_ACCESS_RULES, SEED_MONITORS, SEED_BACKUP_PATHS]);
    expect(text).not.toMatch(/zakobar\.com/);
  });
});
