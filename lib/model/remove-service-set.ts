// Removing a service with the set "New service" made for it: the ticked rows of the set are
// deleted, the unticked vhosts, monitors and backup paths are kept without a service, the
// unticked rules stay as they are — each row its own audited change through the write path,
// in the service's transaction.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { AREAS, type AreaData, type AreaRow } from "./areas";
import { decodeStringList } from "./json-list";
import { serviceSet, SET_AREAS, type ServiceSetIds, type SetArea } from "./service-set";
import { deleteInTx, updateInTx, type Tx, type WriteActor } from "./write-path";

type Rows = { [A in SetArea]: AreaRow<A>[] };

async function loadRows(tx: Tx, serviceId: number): Promise<Rows> {
  const [virtualHost, accessRule, monitor, backupPath] = await Promise.all([
    tx.virtualHost.findMany({ where: { serviceId } }),
    tx.accessRule.findMany(),
    tx.monitor.findMany({ where: { serviceId } }),
    tx.backupPath.findMany({ where: { serviceId } }),
  ]);
  return { virtualHost, accessRule, monitor, backupPath };
}

const changedMeanwhile = (area: SetArea, id: number) =>
  new AppError("VERSION_CONFLICT", `${AREAS[area].label} #${id} is no longer part of this service (someone changed or removed it meanwhile); nothing was deleted. Reload and choose again.`);

type LinkedArea = Exclude<SetArea, "accessRule">;

async function deleteTicked<A extends SetArea>(tx: Tx, who: WriteActor, area: A, rows: AreaRow<A>[], remove: ReadonlySet<number>): Promise<void> {
  for (const row of rows) if (remove.has(row.id)) await deleteInTx(tx, area, who, row, row.version, (r) => changedMeanwhile(area, r.id));
}

/** Linked rows left unticked stay in the draft without a service (rules carry no link). */
async function unlinkRest<A extends LinkedArea>(tx: Tx, who: WriteActor, area: A, rows: AreaRow<A>[], remove: ReadonlySet<number>): Promise<void> {
  for (const row of rows) {
    if (remove.has(row.id)) continue;
    await updateInTx(tx, area, { ...who, action: "unlink" }, row, row.version, { serviceId: null } as Partial<AreaData<A>>, (r) => changedMeanwhile(area, r.id));
  }
}

/** Every posted id must be in the set as the transaction sees it; otherwise nothing changes. */
export async function removeServiceSet(tx: Tx, who: WriteActor, serviceId: number, remove: ServiceSetIds): Promise<void> {
  const rows = await loadRows(tx, serviceId);
  const set = serviceSet(
    {
      virtualHosts: rows.virtualHost,
      accessRules: rows.accessRule.map((r) => ({ id: r.id, priority: r.priority, policy: r.policy, domains: decodeStringList(r.domains) })),
      monitors: rows.monitor,
      backupPaths: rows.backupPath,
    },
    serviceId,
  );
  for (const area of SET_AREAS) {
    const inSet = new Set(set[area].map((item) => item.id));
    for (const id of remove[area]) if (!inSet.has(id)) throw changedMeanwhile(area, id);
  }
  const ticked = (area: SetArea) => new Set(remove[area]);
  const rules = new Set(set.accessRule.map((r) => r.id));
  await deleteTicked(tx, who, "accessRule", rows.accessRule.filter((r) => rules.has(r.id)), ticked("accessRule"));
  await deleteTicked(tx, who, "virtualHost", rows.virtualHost, ticked("virtualHost"));
  await deleteTicked(tx, who, "monitor", rows.monitor, ticked("monitor"));
  await deleteTicked(tx, who, "backupPath", rows.backupPath, ticked("backupPath"));
  await unlinkRest(tx, who, "virtualHost", rows.virtualHost, ticked("virtualHost"));
  await unlinkRest(tx, who, "monitor", rows.monitor, ticked("monitor"));
  await unlinkRest(tx, who, "backupPath", rows.backupPath, ticked("backupPath"));
}
