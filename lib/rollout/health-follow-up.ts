// What happens after a deploy ends, by the target's health policy: the health verdict goes
// into the audit log; an unhealthy switch is rolled back at once (auto), or waits for the
// admin's "Roll back" / "Keep" (ask); failures are notified. The runner tells us when a
// deploy is recorded (DeployRunner.onFinished); the one rollback operation is ./roll-back.ts.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { recordAuditEvent } from "@/lib/audit/record";
import type { DeployTarget } from "@/lib/deploy/config";
import type { HealthOutcome } from "@/lib/deploy/health/gate";
import type { EndInfo } from "@/lib/deploy/log-bus";
import type { DeployRunner } from "@/lib/deploy/runner";
import { DEPLOY_STATUS_LABELS } from "@/lib/deploy/status";
import { AppError } from "@/lib/errors/app-error";
import type { RepoSettings } from "@/lib/repo/settings";
import type { RolloutNotice } from "./notice";
import { failedChecks, startRollback, type RollbackOutcome } from "./roll-back";

export interface FollowUpDeps {
  runner: Pick<DeployRunner, "start" | "waitFor" | "onFinished">;
  /** Acts for the system (the automatic rollback); the revert names the deploy's admin. */
  system: AdminContext;
  settings: () => RepoSettings;
  loadTarget: () => DeployTarget;
  notify?: (notice: RolloutNotice) => Promise<void>;
}

/** Deploys whose follow-up is under way or done, for tests and the benchmark to wait on. */
export type FollowUps = Map<number, Promise<RollbackOutcome | null>>;

/** Subscribes the follow-up to the runner's finished deploys; returns the unsubscribe function and the follow-ups. */
export function attachHealthFollowUp(deps: FollowUpDeps): { detach: () => void; followUps: FollowUps } {
  const followUps: FollowUps = new Map();
  const detach = deps.runner.onFinished((deployId, end) => {
    const work = followUp(deps, deployId, end);
    work.catch((error) => console.error(`homey-admin: acting on the end of deploy ${deployId} failed`, error));
    followUps.set(deployId, work.catch(() => null));
  });
  return { detach, followUps };
}

async function followUp(deps: FollowUpDeps, deployId: number, end: EndInfo): Promise<RollbackOutcome | null> {
  const { db } = assertAdmin(deps.system);
  const deploy = await db.deploy.findUnique({ where: { id: deployId }, select: { id: true, action: true, commitSha: true, health: true, actor: true } });
  if (!deploy) return null;
  const failedStatus = end.status !== "succeeded" && end.status !== "units_failed" && end.status !== "cancelled" && end.status !== "running";
  if (failedStatus) {
    await deps.notify?.({ kind: "deploy_failed", deployId, title: `Deploy #${deployId} ${DEPLOY_STATUS_LABELS[end.status]}`, message: `${deploy.action} of ${deploy.commitSha.slice(0, 7) || "the previous generation"} by ${deploy.actor}: ${end.error ?? DEPLOY_STATUS_LABELS[end.status]}` }).catch(() => undefined);
    return null;
  }
  if (!deploy.health) return null;
  let outcome: HealthOutcome;
  try {
    outcome = JSON.parse(deploy.health) as HealthOutcome;
  } catch {
    return null;
  }
  const mode = deps.loadTarget().health.mode;
  await recordAuditEvent(db, {
    actor: "homey-admin",
    action: "health",
    entityType: "deploy",
    entityId: deployId,
    after: { verdict: outcome.verdict, summary: outcome.summary, commit: deploy.commitSha, policy: mode, probes: outcome.probes.length },
  }).catch((e) => console.error(`homey-admin: could not record the health audit event of deploy ${deployId}`, e));
  if (outcome.verdict === "healthy") return null;

  const why = failedChecks(deploy.health);
  if (mode === "ask" || deploy.action !== "switch") {
    const note =
      deploy.action !== "switch"
        ? `Unhealthy after a ${deploy.action}: ${why}. A ${deploy.action} makes no generation to roll back from; switch to a good commit to undo it.`
        : `Unhealthy: ${why}. Waiting for an admin to roll back or keep it.`;
    await db.deploy.update({ where: { id: deployId }, data: { healthDecision: "pending", healthDecisionNote: note } });
    await deps.notify?.({ kind: "unhealthy", deployId, title: `Deploy #${deployId} is unhealthy`, message: note }).catch(() => undefined);
    return null;
  }
  // Policy auto: the same operation as the admin's Roll back, started by the system.
  try {
    const { done } = await startRollback(deps.system, { runner: deps.runner, settings: deps.settings(), notify: deps.notify }, { deployId, trigger: "auto" });
    return await done;
  } catch (error) {
    const note = `Unhealthy: ${why}. The automatic rollback did not start: ${error instanceof AppError ? error.message : (error as Error).message}`;
    await db.deploy.update({ where: { id: deployId }, data: { healthDecision: "rollback_failed", healthDecisionNote: note } });
    await deps.notify?.({ kind: "rollback_failed", deployId, title: `Deploy #${deployId} is unhealthy and was not rolled back`, message: note }).catch(() => undefined);
    return null;
  }
}

/** "Keep" on an unhealthy deploy (policy ask): the admin accepts it as it is; recorded. */
export async function keepDeploy(admin: AdminContext, deployId: number): Promise<void> {
  const { db, actor, actorName } = assertAdmin(admin);
  const deploy = await db.deploy.findUnique({ where: { id: deployId }, select: { id: true, health: true, healthDecision: true, commitSha: true } });
  if (!deploy) throw new AppError("NOT_FOUND", `There is no deploy #${deployId}.`);
  if (deploy.healthDecision !== "pending") {
    throw new AppError("CONFLICT", `Deploy #${deployId} is not waiting for a decision${deploy.healthDecision ? ` (it was ${deploy.healthDecision.replace(/_/g, " ")})` : ""}.`);
  }
  const note = `Kept by ${actorName || actor} although unhealthy: ${failedChecks(deploy.health)}.`;
  await db.$transaction(async (tx) => {
    await tx.deploy.update({ where: { id: deployId }, data: { healthDecision: "kept", healthDecisionNote: note } });
    await recordAuditEvent(tx, { actor, actorName, action: "keep", entityType: "deploy", entityId: deployId, after: { commit: deploy.commitSha, checks: failedChecks(deploy.health) } });
  });
}
