import "server-only";
import type { PrismaClient } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { validationError } from "@/lib/errors/action-result";
import { AREAS, type AreaName } from "./areas";
import { warningsFor } from "./warnings";

type Row = Record<string, unknown> & { id: number; version: number; updatedBy: string; updatedAt: Date };

/** The part of a Prisma model delegate the generic mutations use. */
interface Delegate {
  findUnique(args: { where: { id: number } }): Promise<Row | null>;
  create(args: { data: Record<string, unknown> }): Promise<Row>;
  updateMany(args: { where: { id: number; version: number }; data: Record<string, unknown> }): Promise<{ count: number }>;
  deleteMany(args: { where: { id: number; version: number } }): Promise<{ count: number }>;
}

type Tx = Prisma.TransactionClient;

function delegate(tx: Tx | PrismaClient, area: AreaName): Delegate {
  return tx[area] as unknown as Delegate;
}

export interface MutationResult {
  id: number;
  /** How the row is named in lists and banners. */
  title: string;
  warnings: string[];
}

function parse(area: AreaName, raw: unknown) {
  const parsed = AREAS[area].schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    throw validationError(fieldErrors);
  }
  return parsed.data as Record<string, unknown>;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: string }).code === "P2002";
}

async function getRowOrThrow(db: Tx | PrismaClient, area: AreaName, id: number): Promise<Row> {
  const row = await delegate(db, area).findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", `That ${AREAS[area].label.toLowerCase()} no longer exists; someone may have deleted it.`);
  return row;
}

/** A stale version: explain who saved what, field by field, and overwrite nothing. */
function versionConflict(area: AreaName, current: Row, yours: Record<string, unknown>): AppError {
  const saved = AREAS[area].toValues(current);
  const conflict = Object.keys(yours)
    .filter((k) => k in saved && k !== "id" && k !== "version")
    .filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(yours[k]))
    .map((field) => ({ field, saved: JSON.stringify(saved[field]), yours: JSON.stringify(yours[field]) }));
  const when = current.updatedAt.toISOString().replace("T", " ").slice(0, 16);
  return new AppError(
    "VERSION_CONFLICT",
    `${current.updatedBy} saved this ${AREAS[area].label.toLowerCase()} (${when} UTC) while you were editing it. Nothing was overwritten: review their values, then reload to edit the current version.`,
    { conflict, currentVersion: current.version },
  );
}

export async function createRow(db: PrismaClient, area: AreaName, actor: string, raw: unknown): Promise<MutationResult> {
  const input = parse(area, raw);
  const definition = AREAS[area];
  const data = definition.toData(input as never);
  try {
    return await db.$transaction(async (tx) => {
      const row = await delegate(tx, area).create({ data: { ...data, updatedBy: actor } });
      await recordAuditEvent(tx, { actor, action: "create", entityType: area, entityId: row.id, after: definition.toValues(row) });
      return { id: row.id, title: definition.describe(row), warnings: await warningsFor(tx, area, input, row.id) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", definition.duplicateMessage);
    throw e;
  }
}

export async function updateRow(
  db: PrismaClient,
  area: AreaName,
  actor: string,
  id: number,
  expectedVersion: number,
  raw: unknown,
): Promise<MutationResult> {
  const input = parse(area, raw);
  const definition = AREAS[area];
  const data = definition.toData(input as never);
  try {
    return await db.$transaction(async (tx) => {
      const before = await getRowOrThrow(tx, area, id);
      if (before.version !== expectedVersion) throw versionConflict(area, before, definition.toValues({ ...before, ...data }));
      if (area === "service" && before.protected && data.protected === false) {
        throw new AppError("PROTECTED", "A protected service stays protected: homey needs it to stay reachable. Unprotecting is done in Nix.");
      }
      const { count } = await delegate(tx, area).updateMany({
        where: { id, version: expectedVersion },
        data: { ...data, version: expectedVersion + 1, updatedBy: actor },
      });
      if (count !== 1) throw versionConflict(area, await getRowOrThrow(tx, area, id), definition.toValues({ ...before, ...data }));
      const after = await getRowOrThrow(tx, area, id);
      await recordAuditEvent(tx, {
        actor,
        action: "update",
        entityType: area,
        entityId: id,
        before: definition.toValues(before),
        after: definition.toValues(after),
      });
      return { id, title: definition.describe(after), warnings: await warningsFor(tx, area, input, id) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", definition.duplicateMessage);
    throw e;
  }
}

export interface DeleteOptions {
  /** Services only: also delete the vhosts, monitors and backup paths linked to it. */
  deleteLinked?: boolean;
}

export async function deleteRow(
  db: PrismaClient,
  area: AreaName,
  actor: string,
  id: number,
  expectedVersion: number,
  options: DeleteOptions = {},
): Promise<void> {
  const definition = AREAS[area];
  await db.$transaction(async (tx) => {
    const before = await getRowOrThrow(tx, area, id);
    if (before.version !== expectedVersion) throw versionConflict(area, before, {});
    if (area === "service" && before.protected) {
      throw new AppError("PROTECTED", `${before.name} is protected: homey's proxy, sign-in and this dashboard depend on it, so it cannot be deleted here.`);
    }
    if (area === "service" && options.deleteLinked) {
      for (const linked of ["virtualHost", "monitor", "backupPath"] as const) {
        const rows = (await (tx[linked] as unknown as { findMany(a: object): Promise<Row[]> }).findMany({ where: { serviceId: id } }));
        for (const row of rows) {
          await delegate(tx, linked).deleteMany({ where: { id: row.id, version: row.version } });
          await recordAuditEvent(tx, { actor, action: "delete", entityType: linked, entityId: row.id, before: AREAS[linked].toValues(row) });
        }
      }
    }
    const { count } = await delegate(tx, area).deleteMany({ where: { id, version: expectedVersion } });
    if (count !== 1) throw versionConflict(area, await getRowOrThrow(tx, area, id), {});
    await recordAuditEvent(tx, { actor, action: "delete", entityType: area, entityId: id, before: definition.toValues(before) });
  });
}
