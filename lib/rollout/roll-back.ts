// A rollback that sticks, the one operation behind the automatic rollback (health gate,
// policy auto), "Roll back" on an unhealthy deploy (policy ask) and "Roll back" in the
// deploy history: switch the target to the previous generation (no build), then a revert
// commit in the homey repo that puts generated/ back as that generation's commit had it
// (lib/apply/revert-commit.ts), then the draft reset to it (the import path), so HEAD, the
// draft and the running system agree and nothing re-applies the rolled-back change.
// Recorded on the deploy (healthDecision…) and in the audit log; notified when it fails.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { makeRevertCommit, type RevertResult } from "@/lib/apply/revert-commit";
import { importRepoIntoDraft } from "@/lib/changes/import-into-draft";
import { ACTIVATED_STATUSES } from "@/lib/deploy/history";
import type { HealthOutcome } from "@/lib/deploy/health/gate";
import type { EndInfo } from "@/lib/deploy/log-bus";
import { rollbackAvailability } from "@/lib/deploy/rollback-availability";
import type { DeployRunner } from "@/lib/deploy/runner";
import { AppError } from "@/lib/errors/app-error";
import type { RepoSettings } from "@/lib/repo/settings";
import type { RolloutNotice } from "./notice";

export interface RollbackDeps {
  runner: Pick<DeployRunner, "start" | "waitFor">;
  settings: RepoSettings;
  /** Told about a rollback that failed (the webhook); never throws into the rollback. */
  notify?: (notice: RolloutNotice) => Promise<void>;
}

export interface RollbackRequest {
  /** The deploy being undone (a switch that activated). */
  deployId: number;
  /** "auto": the health gate decided (policy auto); "admin": someone pressed Roll back. */
  trigger: "auto" | "admin";
}

export interface RollbackOutcome {
  rollbackDeployId: number;
  /** The rollback deploy's end. */
  end: EndInfo;
  revert: RevertResult | null;
  /** What went wrong after the generation switch (revert commit or draft reset), in words. */
  problem: string | null;
  note: string;
}

const short = (sha: string) => sha.slice(0, 7);

/** The failed checks of a stored health outcome, for messages ("wiki (HTTP 502); failed units: x"). */
export function failedChecks(health: string | null): string {
  if (!health) return "no health verdict";
  try {
    const outcome = JSON.parse(health) as HealthOutcome;
    return outcome.summary.replace(/^unhealthy: /, "");
  } catch {
    return "the stored health verdict could not be read";
  }
}

/**
 * Checks that `deployId` can be rolled back now and starts the generation switch; the rest
 * (revert commit, draft reset, record) runs in `done`. Refusals (AppError CONFLICT) come
 * before anything happens.
 */
export async function startRollback(admin: AdminContext, deps: RollbackDeps, request: RollbackRequest): Promise<{ rollbackDeployId: number; done: Promise<RollbackOutcome> }> {
  const { db, actor } = assertAdmin(admin);
  const deploy = await db.deploy.findUnique({ where: { id: request.deployId } });
  if (!deploy) throw new AppError("NOT_FOUND", `There is no deploy #${request.deployId}.`);
  if (deploy.healthDecision === "rolled_back") throw new AppError("CONFLICT", `Deploy #${deploy.id} was already rolled back (${deploy.healthDecisionNote ?? "see its page"}).`);
  if (deploy.action !== "switch" || !(ACTIVATED_STATUSES as readonly string[]).includes(deploy.status)) {
    throw new AppError("CONFLICT", `Deploy #${deploy.id} is a ${deploy.action} that ended ${deploy.status}: only a switch that activated makes a generation to roll back from.`);
  }
  const history = await db.deploy.findMany({
    where: { status: { in: [...ACTIVATED_STATUSES] }, action: { in: ["switch", "boot", "rollback"] } },
    orderBy: { id: "asc" },
    select: { id: true, action: true, commitSha: true, status: true },
  });
  const newest = history.at(-1);
  if (newest?.id !== deploy.id) {
    throw new AppError("CONFLICT", `Deploy #${deploy.id} is no longer the running generation: deploy #${newest?.id} (${newest?.action}) came after it. Nothing was rolled back.`);
  }
  const availability = rollbackAvailability(history);
  if (!availability.available) throw new AppError("CONFLICT", `Nothing was rolled back: ${availability.reason}`);
  if (!availability.previous) throw new AppError("CONFLICT", "Nothing was rolled back: homey-admin does not know which commit the previous generation was built from, so it cannot make the revert commit.");
  const previous = availability.previous;
  const why = failedChecks(deploy.health);
  const onBehalfOf = request.trigger === "auto" ? deploy.actor : actor;
  const { deployId: rollbackDeployId } = await deps.runner.start({ action: "rollback", commitSha: previous.commitSha, actor: request.trigger === "auto" ? "homey-admin" : actor });
  const done = finishRollback(admin, deps, { deploy, previous, why, onBehalfOf, trigger: request.trigger, rollbackDeployId });
  done.catch((error) => console.error(`homey-admin: the rollback of deploy ${deploy.id} ended abnormally`, error));
  return { rollbackDeployId, done };
}

/**
 * "Roll back" in the deploy history: when the running generation is a switch homey-admin
 * made, the same operation as above (generation switch + revert commit + draft reset).
 * null when it is not (the newest generation is itself a rollback, or a boot): the caller
 * then steps back one generation as before.
 */
export async function startRollbackOfNewest(admin: AdminContext, deps: RollbackDeps): Promise<{ rollbackDeployId: number; done: Promise<RollbackOutcome> } | null> {
  const { db } = assertAdmin(admin);
  const newest = await db.deploy.findFirst({
    where: { status: { in: [...ACTIVATED_STATUSES] }, action: { in: ["switch", "boot", "rollback"] } },
    orderBy: { id: "desc" },
    select: { id: true, action: true, healthDecision: true },
  });
  if (!newest || newest.action !== "switch" || newest.healthDecision === "rolled_back") return null;
  return startRollback(admin, deps, { deployId: newest.id, trigger: "admin" });
}

async function finishRollback(
  admin: AdminContext,
  deps: RollbackDeps,
  run: {
    deploy: { id: number; commitSha: string; health: string | null; actor: string };
    previous: { commitSha: string; deployId: number };
    why: string;
    onBehalfOf: string;
    trigger: "auto" | "admin";
    rollbackDeployId: number;
  },
): Promise<RollbackOutcome> {
  const { db, actor } = assertAdmin(admin);
  const { deploy, previous, rollbackDeployId } = run;
  const end = (await deps.runner.waitFor(rollbackDeployId)) ?? { status: "failed" as const, exitCode: null, error: "the rollback deploy vanished" };
  const reason = run.trigger === "auto" ? `the health gate failed: ${run.why}` : `${run.onBehalfOf} rolled it back${deploy.health ? ` (health: ${run.why})` : ""}`;
  if (end.status !== "succeeded" && end.status !== "units_failed") {
    const note = `The rollback (deploy #${rollbackDeployId}) ${end.status.replace(/_/g, " ")}${end.error ? `: ${end.error}` : ""}. The target may still run ${short(deploy.commitSha)}; no revert commit was made.`;
    await db.deploy.update({ where: { id: deploy.id }, data: { healthDecision: "rollback_failed", healthDecisionNote: note, rolledBackBy: rollbackDeployId } });
    await audit(admin, deploy.id, "rollback-failed", { trigger: run.trigger, onBehalfOf: run.onBehalfOf, rollbackDeployId, commit: deploy.commitSha, reason, note });
    await deps.notify?.({ kind: "rollback_failed", deployId: deploy.id, title: `Rollback of deploy #${deploy.id} failed`, message: note }).catch(() => undefined);
    return { rollbackDeployId, end, revert: null, problem: note, note };
  }

  let revert: RevertResult | null = null;
  let problem: string | null = null;
  try {
    revert = await makeRevertCommit({
      settings: deps.settings,
      toSha: previous.commitSha,
      subject: `Revert ${short(deploy.commitSha)}: rolled back deploy #${deploy.id}`,
      body:
        `homey-admin rolled the target back to ${short(previous.commitSha)} (deploy #${rollbackDeployId}) because ${reason}.\n` +
        `This commit puts ${deps.settings.generatedDir}/ back as ${short(previous.commitSha)} had it, so the next deploy does not re-apply ${short(deploy.commitSha)}.`,
      onBehalfOf: run.onBehalfOf,
    });
    if (revert.status === "committed") {
      await recordAuditEvent(db, {
        actor,
        action: "revert",
        entityType: "commit",
        entityId: revert.commit.sha,
        after: { sha: revert.commit.sha, subject: revert.commit.subject, deployId: deploy.id, revertedSha: deploy.commitSha, toSha: previous.commitSha, onBehalfOf: run.onBehalfOf },
      });
    }
    await importRepoIntoDraft(admin, deps.settings);
  } catch (error) {
    problem = `${revert ? "the draft could not be reset to the revert commit" : "the revert commit could not be made"}: ${(error as Error).message}`;
  }
  const revertSha = revert?.status === "committed" ? revert.commit.sha : null;
  const note =
    `Rolled back to ${short(previous.commitSha)} by deploy #${rollbackDeployId} because ${reason}.` +
    (revertSha ? ` Revert commit ${short(revertSha)}; the draft was reset to it.` : revert ? " HEAD already had that configuration; the draft was reset to it." : "") +
    (problem ? ` But ${problem}` : "");
  await db.deploy.update({ where: { id: deploy.id }, data: { healthDecision: "rolled_back", healthDecisionNote: note, rolledBackBy: rollbackDeployId, revertSha } });
  await audit(admin, deploy.id, "rollback", { trigger: run.trigger, onBehalfOf: run.onBehalfOf, rollbackDeployId, commit: deploy.commitSha, to: previous.commitSha, revertSha, reason, problem });
  if (run.trigger === "auto" || problem) {
    await deps.notify?.({ kind: problem ? "rollback_failed" : "auto_rollback", deployId: deploy.id, title: `Deploy #${deploy.id} rolled back${problem ? " (incomplete)" : ""}`, message: note }).catch(() => undefined);
  }
  return { rollbackDeployId, end, revert, problem, note };
}

async function audit(admin: AdminContext, deployId: number, action: string, after: Record<string, unknown>): Promise<void> {
  const { db, actor, actorName } = assertAdmin(admin);
  await recordAuditEvent(db, { actor, actorName, action, entityType: "deploy", entityId: deployId, after }).catch((e) =>
    console.error(`homey-admin: could not record the ${action} audit event of deploy ${deployId}`, e),
  );
}
