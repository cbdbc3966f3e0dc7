// The one write path of the draft. Every change — editor create/update/delete, the quick
// toggle, import from the repo, the first-start seed — goes through these functions inside a
// transaction, so the domain rules hold whichever page asks: protected services stay on,
// keep their name and cannot be deleted; a version bumps exactly once per change; unlinking
// rows from a deleted service is a change of each row; every change writes its audit event.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { AREAS, type AreaData, type AreaName, type AreaRow } from "./areas";
import { decodeStringList, decodeSubjects } from "./json-list";
import { isModuleManagedAccessRule, isModuleManagedVirtualHost, type ModuleManaged, moduleManagedError } from "./module-managed";
import { moduleManagedConfig } from "./module-managed-config";
import { isProtectedName, isProtectedService, protectedDeleteError, protectedOffError, protectedRenameError } from "./protected";

export type Tx = Prisma.TransactionClient;

type Stored<A extends AreaName> = AreaData<A> & { updatedBy: string };

/** The part of a Prisma model delegate the write path uses, typed per area. */
interface Delegate<A extends AreaName> {
  findUnique(args: { where: { id: number } }): Promise<AreaRow<A> | null>;
  create(args: { data: Stored<A> }): Promise<AreaRow<A>>;
  updateMany(args: { where: { id: number; version: number }; data: Partial<Stored<A>> & { version: number } }): Promise<{ count: number }>;
  deleteMany(args: { where: { id: number; version: number } }): Promise<{ count: number }>;
}

const DELEGATES: { [A in AreaName]: (tx: Tx) => Delegate<A> } = {
  service: (tx) => tx.service,
  virtualHost: (tx) => tx.virtualHost,
  accessRule: (tx) => tx.accessRule,
  monitor: (tx) => tx.monitor,
  backupPath: (tx) => tx.backupPath,
};

export function delegateOf<A extends AreaName>(tx: Tx, area: A): Delegate<A> {
  return DELEGATES[area](tx);
}

/** What every write knows: who, and how the change is named in the audit log. */
export interface WriteActor {
  actor: string;
  /** Stored with the audit event for the timeline's sentences ("Demo Admin disabled eurovote"). */
  actorName?: string | null;
  /** Audit action for updates and deletes ("update", "import", "unlink", ...). */
  action?: string;
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && e.code === "P2002";
}

/** Prisma's unique-constraint failure, said in the area's words. */
export async function withDuplicateMessage<T>(area: AreaName, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("CONFLICT", AREAS[area].duplicateMessage);
    throw e;
  }
}

export async function getRowOrThrow<A extends AreaName>(tx: Tx, area: A, id: number): Promise<AreaRow<A>> {
  const row = await delegateOf(tx, area).findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", `That ${AREAS[area].label.toLowerCase()} no longer exists; someone may have deleted it.`);
  return row;
}

/** Services: the rules that hold on every path (see lib/model/protected.ts). */
function serviceRules(before: AreaRow<"service"> | null, data: AreaData<"service">): AreaData<"service"> {
  const isProtected = (before?.protected ?? false) || isProtectedName(data.name) || data.protected;
  if (before?.protected && data.name !== before.name) throw protectedRenameError(before.name);
  // Switching off is refused; a protected service that is already off may be edited or switched on.
  if (isProtected && !data.enabled && (before === null || before.enabled)) throw protectedOffError(data.name);
  return { ...data, protected: isProtected };
}

function applyRules<A extends AreaName>(area: A, before: AreaRow<A> | null, data: AreaData<A>): AreaData<A> {
  if (area !== "service") return data;
  // Narrowed by the check above; TypeScript cannot follow a generic through it.
  return serviceRules(before as AreaRow<"service"> | null, data as AreaData<"service">) as AreaData<A>;
}

export function assertDeletableService(service: AreaRow<"service">): void {
  if (isProtectedService(service)) throw protectedDeleteError(service.name);
}

/**
 * The admin vhost and its admins-only rules, when the NixOS module defines them: what the row
 * is called in a refusal, or null when the module does not own it.
 */
function moduleManagedName<A extends AreaName>(managed: ModuleManaged | null, area: A, data: AreaData<A>): string | null {
  if (!managed) return null;
  if (area === "virtualHost") {
    const v = data as AreaData<"virtualHost">;
    return isModuleManagedVirtualHost(managed, v) ? `The virtual host ${v.subdomain}` : null;
  }
  if (area === "accessRule") {
    const r = data as AreaData<"accessRule">;
    const shape = {
      domains: decodeStringList(r.domains),
      resources: decodeStringList(r.resources),
      subjects: decodeSubjects(r.subjects),
      methods: decodeStringList(r.methods),
      networks: decodeStringList(r.networks),
      policy: r.policy,
    };
    return isModuleManagedAccessRule(managed, shape) ? `The ${r.policy} rule for ${shape.domains[0]}` : null;
  }
  return null;
}

/** Refuses a change to (or into) what the module defines; the seed may still write it once. */
function assertNotModuleManaged<A extends AreaName>(area: A, who: WriteActor, before: AreaData<A> | null, after: AreaData<A> | null): void {
  const managed = moduleManagedConfig();
  if (!managed) return;
  const was = before ? moduleManagedName(managed, area, before) : null;
  if (was) throw moduleManagedError(was, after ? "changed" : "deleted");
  const becomes = after ? moduleManagedName(managed, area, after) : null;
  if (becomes && !(before === null && who.action === "seed")) throw moduleManagedError(becomes, before ? "written" : "created");
}

function dataOf<A extends AreaName>(row: AreaRow<A>): AreaData<A> {
  const { id: _id, version: _version, createdAt: _c, updatedAt: _u, updatedBy: _b, ...data } = row;
  return data as AreaData<A>;
}

export async function createInTx<A extends AreaName>(tx: Tx, area: A, who: WriteActor, data: AreaData<A>): Promise<AreaRow<A>> {
  const definition = AREAS[area];
  assertNotModuleManaged(area, who, null, data);
  const checked = applyRules(area, null, data);
  const row = await delegateOf(tx, area).create({ data: { ...checked, updatedBy: who.actor } });
  await recordAuditEvent(tx, { actor: who.actor, actorName: who.actorName, action: who.action ?? "create", entityType: area, entityId: row.id, after: definition.toValues(row) });
  return row;
}

/**
 * Writes `changes` over `before` (read in this transaction) if its version is still
 * `expectedVersion`; the version bumps by one. Returns null when nothing would change.
 */
export async function updateInTx<A extends AreaName>(
  tx: Tx,
  area: A,
  who: WriteActor,
  before: AreaRow<A>,
  expectedVersion: number,
  changes: Partial<AreaData<A>>,
  onStale: (current: AreaRow<A>) => AppError,
): Promise<AreaRow<A> | null> {
  const definition = AREAS[area];
  const { id: _id, version: _version, createdAt: _c, updatedAt: _u, updatedBy: _b, ...current } = before;
  // The rules first: a refusal names its reason even when the page was stale.
  const merged = applyRules(area, before, { ...(current as AreaData<A>), ...changes });
  const changedKeys = (Object.keys(merged) as (keyof AreaData<A>)[]).filter((k) => JSON.stringify(merged[k]) !== JSON.stringify((current as AreaData<A>)[k]));
  // Saving what the module defines unchanged is no edit; changing it is refused.
  if (changedKeys.length > 0) assertNotModuleManaged(area, who, dataOf(before), merged);
  if (before.version !== expectedVersion) throw onStale(before);
  if (changedKeys.length === 0) return null;
  const { count } = await delegateOf(tx, area).updateMany({
    where: { id: before.id, version: expectedVersion },
    data: { ...merged, version: expectedVersion + 1, updatedBy: who.actor },
  });
  if (count !== 1) throw onStale(await getRowOrThrow(tx, area, before.id));
  const after = await getRowOrThrow(tx, area, before.id);
  await recordAuditEvent(tx, {
    actor: who.actor,
    actorName: who.actorName,
    action: who.action ?? "update",
    entityType: area,
    entityId: before.id,
    before: definition.toValues(before),
    after: definition.toValues(after),
  });
  return after;
}

export async function deleteInTx<A extends AreaName>(
  tx: Tx,
  area: A,
  who: WriteActor,
  before: AreaRow<A>,
  expectedVersion: number,
  onStale: (current: AreaRow<A>) => AppError,
): Promise<void> {
  if (area === "service") assertDeletableService(before as AreaRow<"service">);
  assertNotModuleManaged(area, who, dataOf(before), null);
  if (before.version !== expectedVersion) throw onStale(before);
  const { count } = await delegateOf(tx, area).deleteMany({ where: { id: before.id, version: expectedVersion } });
  if (count !== 1) throw onStale(await getRowOrThrow(tx, area, before.id));
  await recordAuditEvent(tx, { actor: who.actor, actorName: who.actorName, action: who.action ?? "delete", entityType: area, entityId: before.id, before: AREAS[area].toValues(before) });
}

type LinkedArea = "virtualHost" | "monitor" | "backupPath";

const LINKED: { [A in LinkedArea]: (tx: Tx) => { findMany(args: { where: { serviceId: number } }): Promise<AreaRow<A>[]> } } = {
  virtualHost: (tx) => tx.virtualHost,
  monitor: (tx) => tx.monitor,
  backupPath: (tx) => tx.backupPath,
};

async function releaseArea<A extends LinkedArea>(tx: Tx, area: A, who: WriteActor, serviceId: number, mode: "delete" | "unlink"): Promise<void> {
  const stale = (row: { id: number }) =>
    new AppError("VERSION_CONFLICT", `${AREAS[area].label} #${row.id}, linked to this service, changed meanwhile; nothing was deleted. Reload and try again.`);
  for (const row of await LINKED[area](tx).findMany({ where: { serviceId } })) {
    if (mode === "delete") await deleteInTx(tx, area, who, row, row.version, stale);
    else await updateInTx(tx, area, { ...who, action: "unlink" }, row, row.version, { serviceId: null } as Partial<AreaData<A>>, stale);
  }
}

/**
 * A service is going: its vhosts, monitors and backup paths are deleted with it, or kept
 * without a service — either way each row is its own audited change.
 */
export async function releaseDependents(tx: Tx, who: WriteActor, serviceId: number, mode: "delete" | "unlink"): Promise<void> {
  for (const area of Object.keys(LINKED) as LinkedArea[]) await releaseArea(tx, area, who, serviceId, mode);
}

/** The vhosts and monitors that moved with their service (what the banner and tests report). */
export interface MovedDependents {
  virtualHosts: AreaRow<"virtualHost">[];
  monitors: AreaRow<"monitor">[];
}

/**
 * A service is switched off (or on again) and its routing and monitoring move with it: each
 * vhost and monitor linked to it is set to `enabled`, each one its own audited change in the
 * service's transaction. Nothing extra is stored: switching on restores every disabled vhost
 * and monitor linked to the service — including one that was off before the service went
 * off; the admin is told which ones before confirming.
 */
export async function setDependentsEnabled(tx: Tx, who: WriteActor, serviceId: number, enabled: boolean): Promise<MovedDependents> {
  const action = enabled ? "enable-with-service" : "disable-with-service";
  const stale = (row: { id: number }) =>
    new AppError("VERSION_CONFLICT", `A vhost or monitor linked to this service (#${row.id}) changed meanwhile; nothing was changed. Reload and try again.`);
  const moved: MovedDependents = { virtualHosts: [], monitors: [] };
  for (const row of await tx.virtualHost.findMany({ where: { serviceId, enabled: !enabled }, orderBy: { id: "asc" } })) {
    const after = await updateInTx(tx, "virtualHost", { ...who, action }, row, row.version, { enabled }, stale);
    if (after) moved.virtualHosts.push(after);
  }
  for (const row of await tx.monitor.findMany({ where: { serviceId, enabled: !enabled }, orderBy: { id: "asc" } })) {
    const after = await updateInTx(tx, "monitor", { ...who, action }, row, row.version, { enabled }, stale);
    if (after) moved.monitors.push(after);
  }
  return moved;
}
