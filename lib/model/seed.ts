import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { encodeAccessRuleLists } from "./json-list";
import { SEED_ACCESS_RULES, SEED_BACKUP_PATHS, SEED_MONITORS, SEED_SERVICES } from "./seed-data";
import { createInTx } from "./write-path";

/** The name the first start writes under, in rows and audit events. */
export const SEED_ACTOR = "homey-admin (first start)";

/**
 * Fills an empty database with homey's current configuration; does nothing otherwise.
 * Through the one write path like every other change: each row is an audited "seed".
 */
export async function seedIfEmpty(system: AdminContext): Promise<boolean> {
  const { db, actor } = assertAdmin(system);
  if ((await db.service.count()) > 0) return false;
  const who = { actor, action: "seed" };
  await db.$transaction(async (tx) => {
    const serviceIds = new Map<string, number>();
    for (const { vhost, ...s } of SEED_SERVICES) {
      const row = await createInTx(tx, "service", who, { ...s, enabled: true, protected: s.protected ?? false, stateDir: s.stateDir ?? "", unitName: "" });
      serviceIds.set(s.name, row.id);
      if (vhost) {
        await createInTx(tx, "virtualHost", who, {
          subdomain: vhost.subdomain,
          upstreamHost: "127.0.0.1",
          upstreamPort: vhost.port,
          auth: vhost.auth,
          enabled: true,
          serviceId: row.id,
        });
      }
    }
    for (const r of SEED_ACCESS_RULES) {
      await createInTx(tx, "accessRule", who, { priority: r.priority, policy: r.policy, note: r.note, ...encodeAccessRuleLists(r) });
    }
    for (const { service, ...m } of SEED_MONITORS) {
      await createInTx(tx, "monitor", who, { ...m, enabled: true, serviceId: serviceIds.get(service) ?? null });
    }
    for (const { service, ...p } of SEED_BACKUP_PATHS) {
      await createInTx(tx, "backupPath", who, { ...p, serviceId: service ? (serviceIds.get(service) ?? null) : null });
    }
  });
  return true;
}
