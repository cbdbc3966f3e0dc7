import "server-only";
import type { PrismaClient } from "@/lib/db/client";
import { AREAS, type AreaName } from "./areas";

type Values = Record<string, unknown> & { id: number; version: number };

export interface ListedRow {
  values: Values;
  title: string;
  serviceName: string | null;
  updatedBy: string;
  updatedAt: string;
}

const ORDER: Record<AreaName, object> = {
  service: { name: "asc" },
  virtualHost: { subdomain: "asc" },
  accessRule: [{ priority: "asc" }, { id: "asc" }],
  monitor: { name: "asc" },
  backupPath: [{ mode: "asc" }, { path: "asc" }],
};

interface ReadDelegate {
  findMany(args: object): Promise<(Values & { updatedBy: string; updatedAt: Date; service?: { name: string } | null })[]>;
  findUnique(args: object): Promise<(Values & { updatedBy: string; updatedAt: Date }) | null>;
}

function reader(db: PrismaClient, area: AreaName): ReadDelegate {
  return db[area] as unknown as ReadDelegate;
}

const hasService = (area: AreaName) => area === "virtualHost" || area === "monitor" || area === "backupPath";

/** Plain values only: rows never leave lib/ as Prisma objects. */
export async function listRows(db: PrismaClient, area: AreaName): Promise<ListedRow[]> {
  const rows = await reader(db, area).findMany({
    orderBy: ORDER[area],
    ...(hasService(area) ? { include: { service: { select: { name: true } } } } : {}),
  });
  return rows.map((row) => ({
    values: AREAS[area].toValues(row) as Values,
    title: AREAS[area].describe(row),
    serviceName: row.service?.name ?? null,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** null for an id that is not a row (an editor page then shows its not-found). */
export async function findRowValues(db: PrismaClient, area: AreaName, id: number): Promise<Values | null> {
  const row = Number.isInteger(id) ? await reader(db, area).findUnique({ where: { id } }) : null;
  return row ? (AREAS[area].toValues(row) as Values) : null;
}

export async function serviceOptions(db: PrismaClient): Promise<{ id: number; name: string }[]> {
  return db.service.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** What deleting a service touches, so the confirmation can say it. */
export async function serviceDependents(db: PrismaClient, serviceId: number) {
  const [virtualHosts, monitors, backupPaths] = await Promise.all([
    db.virtualHost.findMany({ where: { serviceId }, select: { subdomain: true } }),
    db.monitor.findMany({ where: { serviceId }, select: { name: true } }),
    db.backupPath.findMany({ where: { serviceId }, select: { path: true, mode: true } }),
  ]);
  return {
    virtualHosts: virtualHosts.map((v) => v.subdomain),
    monitors: monitors.map((m) => m.name),
    backupPaths: backupPaths.map((p) => (p.mode === "exclude" ? `exclude ${p.path}` : p.path)),
  };
}

export async function overviewCounts(db: PrismaClient) {
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
