// The editors' writes, for an admin: validate with the area's schema, then one transaction
// through the write path (rules + audit). Server actions call these and nothing else.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { AppError } from "@/lib/errors/app-error";
import { validationError } from "@/lib/errors/action-result";
import { formatWhen } from "@/lib/format/when";
import { displayFieldValue } from "./conflict-values";
import { AREAS, type AreaData, type AreaName, type AreaRow } from "./areas";
import { warningsFor } from "./warnings";
import { removeServiceSet } from "./remove-service-set";
import type { ServiceSetIds } from "./service-set";
import {
  assertDeletableService,
  createInTx,
  deleteInTx,
  getRowOrThrow,
  releaseDependents,
  setDependentsEnabled,
  updateInTx,
  withDuplicateMessage,
} from "./write-path";

export interface MutationResult {
  id: number;
  /** How the row is named in lists and banners. */
  title: string;
  warnings: string[];
}

function parse<A extends AreaName>(area: A, raw: unknown): AreaData<A> {
  const definition = AREAS[area];
  const parsed = definition.schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    throw validationError(fieldErrors);
  }
  // The schema for this area produced this area's input.
  return definition.toData(parsed.data as Parameters<typeof definition.toData>[0]);
}

/**
 * A stale version: explain who saved what, field by field, and overwrite nothing. The form
 * keeps the admin's values and offers to save them over `currentVersion` (the version is
 * checked again then) or to load the current row.
 */
function versionConflict<A extends AreaName>(area: A, yours: Partial<AreaData<A>>) {
  return (current: AreaRow<A>): AppError => {
    const definition = AREAS[area];
    const saved: Record<string, unknown> = definition.toValues(current);
    const mine: Record<string, unknown> = definition.toValues({ ...current, ...yours });
    const conflict = Object.keys(yours)
      .filter((k) => k in saved && k !== "id" && k !== "version")
      .filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(mine[k]))
      .map((field) => ({ field, saved: displayFieldValue(saved[field]), yours: displayFieldValue(mine[field]) }));
    const when = formatWhen(current.updatedAt);
    return new AppError(
      "VERSION_CONFLICT",
      `${current.updatedBy} saved this ${definition.label.toLowerCase()} (${when}) while you were editing it. Nothing was overwritten: compare the values below, then keep yours and save them over theirs, or take theirs.`,
      { conflict, currentVersion: current.version },
    );
  };
}

export async function createRow<A extends AreaName>(admin: AdminContext, area: A, raw: unknown): Promise<MutationResult> {
  const { db, actor, actorName } = assertAdmin(admin);
  const data = parse(area, raw);
  return withDuplicateMessage(area, () =>
    db.$transaction(async (tx) => {
      const row = await createInTx(tx, area, { actor, actorName }, data);
      return { id: row.id, title: AREAS[area].describe(row), warnings: await warningsFor(tx, area, data, row.id) };
    }),
  );
}

export interface UpdateOptions {
  /**
   * Services only: when `enabled` changes, its vhosts and monitors move with it (switched
   * off with it; on again: every disabled one linked to it), in the same transaction.
   */
  withDependents?: boolean;
}

export async function updateRow<A extends AreaName>(
  admin: AdminContext,
  area: A,
  id: number,
  expectedVersion: number,
  raw: unknown,
  options: UpdateOptions = {},
): Promise<MutationResult> {
  const { db, actor, actorName } = assertAdmin(admin);
  const data = parse(area, raw);
  return withDuplicateMessage(area, () =>
    db.$transaction(async (tx) => {
      const before = await getRowOrThrow(tx, area, id);
      const after = (await updateInTx(tx, area, { actor, actorName }, before, expectedVersion, data, versionConflict(area, data))) ?? before;
      const notes: string[] = [];
      if (area === "service" && options.withDependents) {
        const [was, now] = [before as AreaRow<"service">, after as AreaRow<"service">];
        if (was.enabled !== now.enabled) notes.push(...describeMoved(await setDependentsEnabled(tx, { actor, actorName }, id, now.enabled), now.enabled));
      }
      return { id, title: AREAS[area].describe(after), warnings: [...notes, ...(await warningsFor(tx, area, data, id))] };
    }),
  );
}

/** "Also switched off: vhost vote, monitor Eurovision Vote." for the saved banner. */
export function describeMoved(moved: { virtualHosts: { subdomain: string }[]; monitors: { name: string }[] }, enabled: boolean): string[] {
  const items = [...moved.virtualHosts.map((v) => `vhost ${v.subdomain}`), ...moved.monitors.map((m) => `monitor ${m.name}`)];
  return items.length === 0 ? [] : [`Also switched ${enabled ? "on" : "off"} with the service: ${items.join(", ")}.`];
}

export interface DeleteOptions {
  /** Services only: what happens to the vhosts, monitors and backup paths linked to it. */
  linked?: "delete" | "unlink";
  /**
   * Services only, instead of `linked`: the rows of its set (lib/model/service-set.ts) to
   * delete with it; the rest of the set is kept (vhosts, monitors, backup paths unlinked).
   */
  remove?: ServiceSetIds;
}

export async function deleteRow(admin: AdminContext, area: AreaName, id: number, expectedVersion: number, options: DeleteOptions = {}): Promise<void> {
  const { db, actor, actorName } = assertAdmin(admin);
  const stale = versionConflict(area, {});
  await db.$transaction(async (tx) => {
    const before = await getRowOrThrow(tx, area, id);
    if (area === "service") {
      const service = before as AreaRow<"service">;
      // The rules refuse before any dependent is touched.
      assertDeletableService(service);
      if (service.version !== expectedVersion) throw stale(service);
      // Without this, SQLite's ON DELETE SET NULL would unlink them with no audit event.
      if (options.remove) await removeServiceSet(tx, { actor, actorName }, id, options.remove);
      else await releaseDependents(tx, { actor, actorName }, id, options.linked ?? "unlink");
    }
    await deleteInTx(tx, area, { actor, actorName }, before, expectedVersion, stale);
  });
}
