// The editors' reads, for an admin. Rows leave lib/ as typed values, never as Prisma objects.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import type { PrismaClient } from "@/lib/db/client";
import { AREAS, type AreaName, type AreaRow, type AreaValues } from "./areas";

export interface ListedRow<A extends AreaName> {
  values: AreaValues<A>;
  title: string;
  serviceName: string | null;
  updatedBy: string;
  updatedAt: string;
}

type WithService<A extends AreaName> = AreaRow<A> & { service?: { name: string } | null };

const withService = { include: { service: { select: { name: true } } } } as const;

const LISTS: { [A in AreaName]: (db: PrismaClient) => Promise<WithService<A>[]> } = {
  service: (db) => db.service.findMany({ orderBy: { name: "asc" } }),
  virtualHost: (db) => db.virtualHost.findMany({ orderBy: { subdomain: "asc" }, ...withService }),
  accessRule: (db) => db.accessRule.findMany({ orderBy: [{ priority: "asc" }, { id: "asc" }] }),
  monitor: (db) => db.monitor.findMany({ orderBy: { name: "asc" }, ...withService }),
  backupPath: (db) => db.backupPath.findMany({ orderBy: [{ mode: "asc" }, { path: "asc" }], ...withService }),
};

const FIND: { [A in AreaName]: (db: PrismaClient, id: number) => Promise<AreaRow<A> | null> } = {
  service: (db, id) => db.service.findUnique({ where: { id } }),
  virtualHost: (db, id) => db.virtualHost.findUnique({ where: { id } }),
  accessRule: (db, id) => db.accessRule.findUnique({ where: { id } }),
  monitor: (db, id) => db.monitor.findUnique({ where: { id } }),
  backupPath: (db, id) => db.backupPath.findUnique({ where: { id } }),
};

export async function listRows<A extends AreaName>(admin: AdminContext, area: A): Promise<ListedRow<A>[]> {
  const { db } = assertAdmin(admin);
  const definition = AREAS[area];
  const rows = await LISTS[area](db);
  return rows.map((row) => ({
    values: definition.toValues(row),
    title: definition.describe(row),
    serviceName: row.service?.name ?? null,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** null for an id that is not a row (an editor page then shows its not-found). */
export async function findRowValues<A extends AreaName>(admin: AdminContext, area: A, id: number): Promise<AreaValues<A> | null> {
  const { db } = assertAdmin(admin);
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const row = await FIND[area](db, id);
  return row ? AREAS[area].toValues(row) : null;
}

export async function serviceOptions(admin: AdminContext): Promise<{ id: number; name: string }[]> {
  const { db } = assertAdmin(admin);
  return db.service.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

export interface LinkCounts {
  virtualHosts: number;
  monitors: number;
  backupPaths: number;
}

/** Per service id, how many rows point to it: one query. */
export async function serviceLinkCounts(admin: AdminContext): Promise<Map<number, LinkCounts>> {
  const { db } = assertAdmin(admin);
  const rows = await db.$queryRaw<{ serviceId: number; virtualHosts: bigint; monitors: bigint; backupPaths: bigint }[]>`
    SELECT s.id AS serviceId,
      (SELECT COUNT(*) FROM VirtualHost v WHERE v.serviceId = s.id) AS virtualHosts,
      (SELECT COUNT(*) FROM Monitor m WHERE m.serviceId = s.id) AS monitors,
      (SELECT COUNT(*) FROM BackupPath b WHERE b.serviceId = s.id) AS backupPaths
    FROM Service s`;
  return new Map(
    rows.map((r) => [Number(r.serviceId), { virtualHosts: Number(r.virtualHosts), monitors: Number(r.monitors), backupPaths: Number(r.backupPaths) }]),
  );
}

export async function overviewCounts(admin: AdminContext) {
  const { db } = assertAdmin(admin);
  const [services, enabledServices, virtualHosts, accessRules, monitors, backupPaths] = await Promise.all([
    db.service.count(),
    db.service.count({ where: { enabled: true } }),
    db.virtualHost.count(),
    db.accessRule.count(),
    db.monitor.count(),
    db.backupPath.count(),
  ]);
  return { services, enabledServices, virtualHosts, accessRules, monitors, backupPaths };
}
