// "New service" in one step: the service and the rows homey's conventions attach to it,
// created in one transaction through the one write path (each row its own audit event).
// Anything wrong in any section — a schema error, a taken name or priority — and nothing
// is saved; the error names the field of its section.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { adminGroup as configuredAdminGroup } from "@/lib/config/env";
import { validationError } from "@/lib/errors/action-result";
import { AREAS } from "./areas";
import { createInTx, withDuplicateMessage, type Tx } from "./write-path";
import { planConflicts, planNewService, type NewServicePlan } from "./schemas/new-service";

export interface NewServiceResult {
  id: number;
  /** "paperless with vhost paperless, access rules 26 and 27, …" for the saved banner. */
  title: string;
  created: { virtualHost: number | null; accessRules: number[]; monitor: number | null; backupPath: number | null };
}

async function existingNames(tx: Tx) {
  const [services, vhosts, monitors, backupPaths, rules] = await Promise.all([
    tx.service.findMany({ select: { name: true } }),
    tx.virtualHost.findMany({ select: { subdomain: true } }),
    tx.monitor.findMany({ select: { name: true } }),
    tx.backupPath.findMany({ select: { path: true, mode: true } }),
    tx.accessRule.findMany({ select: { priority: true } }),
  ]);
  return {
    names: { services: services.map((s) => s.name), subdomains: vhosts.map((v) => v.subdomain), monitors: monitors.map((m) => m.name), backupPaths },
    usedPriorities: rules.map((r) => r.priority),
  };
}

function describeCreated(plan: NewServicePlan): string {
  const parts: string[] = [];
  if (plan.virtualHost) parts.push(`vhost ${plan.virtualHost.subdomain}`);
  if (plan.accessRules.length) parts.push(`access rule${plan.accessRules.length > 1 ? "s" : ""} ${plan.accessRules.map((r) => r.priority).join(" and ")}`);
  if (plan.monitor) parts.push(`monitor ${plan.monitor.name}`);
  if (plan.backupPath) parts.push(`backup path ${plan.backupPath.path}`);
  return parts.length ? `${plan.service.name} with ${parts.join(", ")}` : plan.service.name;
}

export async function createServiceWithParts(admin: AdminContext, raw: Record<string, unknown>, options: { adminGroup?: string } = {}): Promise<NewServiceResult> {
  const { db, actor, actorName } = assertAdmin(admin);
  const adminGroup = options.adminGroup ?? configuredAdminGroup();
  return withDuplicateMessage("service", () =>
    db.$transaction(async (tx) => {
      // Read in the transaction, so the free priority and the unique names hold at the write.
      const existing = await existingNames(tx);
      const planned = planNewService(raw, { adminGroup, usedPriorities: existing.usedPriorities });
      if (!planned.ok) throw validationError(planned.fieldErrors);
      const { plan } = planned;
      const conflicts = planConflicts(plan, existing.names);
      if (Object.keys(conflicts).length > 0) throw validationError(conflicts);

      const who = { actor, actorName };
      const service = await createInTx(tx, "service", who, AREAS.service.toData(plan.service));
      const serviceId = service.id;
      const created: NewServiceResult["created"] = { virtualHost: null, accessRules: [], monitor: null, backupPath: null };
      if (plan.virtualHost) created.virtualHost = (await createInTx(tx, "virtualHost", who, { ...plan.virtualHost, serviceId })).id;
      for (const rule of plan.accessRules) created.accessRules.push((await createInTx(tx, "accessRule", who, AREAS.accessRule.toData(rule))).id);
      if (plan.monitor) created.monitor = (await createInTx(tx, "monitor", who, { ...plan.monitor, serviceId })).id;
      if (plan.backupPath) created.backupPath = (await createInTx(tx, "backupPath", who, { ...plan.backupPath, serviceId })).id;
      return { id: serviceId, title: describeCreated(plan), created };
    }),
  );
}
