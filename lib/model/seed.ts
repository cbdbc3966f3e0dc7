import "server-only";
import type { PrismaClient } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { encodeAccessRuleLists } from "./json-list";
import { SEED_ACCESS_RULES, SEED_BACKUP_PATHS, SEED_MONITORS, SEED_SERVICES } from "./seed-data";

const SEED_ACTOR = "homey-admin (first start)";

/** Fills an empty database with homey's current configuration; does nothing otherwise. */
export async function seedIfEmpty(db: PrismaClient): Promise<boolean> {
  if ((await db.service.count()) > 0) return false;
  await db.$transaction(async (tx) => {
    const serviceIds = new Map<string, number>();
    for (const s of SEED_SERVICES) {
      const row = await tx.service.create({
        data: {
          name: s.name,
          title: s.title,
          description: s.description,
          kind: s.kind,
          protected: s.protected ?? false,
          stateDir: s.stateDir ?? "",
          updatedBy: SEED_ACTOR,
        },
      });
      serviceIds.set(s.name, row.id);
      if (s.vhost) {
        await tx.virtualHost.create({
          data: { subdomain: s.vhost.subdomain, upstreamPort: s.vhost.port, auth: s.vhost.auth, serviceId: row.id, updatedBy: SEED_ACTOR },
        });
      }
    }
    for (const r of SEED_ACCESS_RULES) {
      await tx.accessRule.create({
        data: {
          priority: r.priority,
          policy: r.policy,
          note: r.note,
          ...encodeAccessRuleLists(r),
          updatedBy: SEED_ACTOR,
        },
      });
    }
    for (const { service, ...m } of SEED_MONITORS) {
      await tx.monitor.create({ data: { ...m, serviceId: serviceIds.get(service) ?? null, updatedBy: SEED_ACTOR } });
    }
    for (const { service, ...p } of SEED_BACKUP_PATHS) {
      await tx.backupPath.create({ data: { ...p, serviceId: service ? (serviceIds.get(service) ?? null) : null, updatedBy: SEED_ACTOR } });
    }
    await recordAuditEvent(tx, { actor: SEED_ACTOR, action: "seed", entityType: "draft", entityId: "all", after: { services: SEED_SERVICES.length } });
  });
  return true;
}
