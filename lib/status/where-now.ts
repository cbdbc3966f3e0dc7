// The "where am I" status for a page: the draft's pending files (rendered and compared
// with HEAD, no Nix evaluation — this runs on every page for the nav badge), HEAD, what
// the target says it runs (cached briefly), and which commits homey-admin itself activated.
// The derivation is lib/deploy/where.ts; this only gathers its inputs.
import "server-only";
import { perRequest } from "@/lib/http/request-memo";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { readDraftComparison } from "@/lib/changes/pending";
import { loadDeployTarget } from "@/lib/deploy/config";
import { ACTIVATED_STATUSES } from "@/lib/deploy/history";
import { rollbackAvailability, type RollbackAvailability } from "@/lib/deploy/rollback-availability";
import { cachedRunningRevision, type RunningRevision } from "@/lib/deploy/running-revision";
import { deriveWhere, type WhereStatus } from "@/lib/deploy/where";
import { isAppError } from "@/lib/errors/app-error";
import { openRepo } from "@/lib/repo/open-repo";
import { sameTree } from "@/lib/repo/same-tree";
import { awaitingDecision, type AwaitingDecision } from "@/lib/rollout/awaiting-decision";
import { repoSettingsFromEnv, type RepoSettings } from "@/lib/repo/settings";

/**
 * Files Apply would write and HEAD; null pending when the repo cannot be read. Once per
 * request (perRequest): the layout's nav badge and the page's headline share it.
 */
export const pendingFileCount = perRequest(async (admin: AdminContext, settings: RepoSettings = repoSettingsFromEnv()): Promise<{ pending: number | null; head: string | null }> => {
  try {
    const { comparison } = await readDraftComparison(admin, settings);
    return { pending: comparison.files.length, head: comparison.state.head };
  } catch (error) {
    console.error("homey-admin: comparing the draft with the repo for the status failed", error);
    return { pending: null, head: null };
  }
});

async function runningOnTarget(): Promise<{ running: RunningRevision; targetName: string }> {
  try {
    const target = loadDeployTarget();
    return { running: await cachedRunningRevision(target), targetName: target.flakeAttr };
  } catch (error) {
    if (isAppError(error) && error.code === "DEPLOY_CONFIG") {
      return { running: { kind: "unknown", reason: "the deploy settings are incomplete (see Deploys)" }, targetName: "the target" };
    }
    throw error;
  }
}

async function commitsDeployedByApp(admin: AdminContext): Promise<Set<string>> {
  const rows = await assertAdmin(admin).db.deploy.findMany({
    where: { status: { in: [...ACTIVATED_STATUSES] }, action: { in: ["switch", "test"] } },
    distinct: ["commitSha"],
    select: { commitSha: true },
  });
  return new Set(rows.map((r) => r.commitSha).filter(Boolean));
}

export async function loadWhereStatus(admin: AdminContext): Promise<WhereStatus> {
  const [{ pending, head }, { running, targetName }, deployedByApp] = await Promise.all([
    pendingFileCount(admin),
    runningOnTarget(),
    commitsDeployedByApp(admin),
  ]);
  // HEAD a revert commit back to what runs: the same configuration (lib/rollout/roll-back.ts).
  const runningSameAsHead =
    head && running.kind === "commit" && running.sha !== head
      ? await openRepo(repoSettingsFromEnv()).then((git) => sameTree(git, head, running.sha), () => false)
      : false;
  return deriveWhere({ pendingFiles: pending, head: head ? { sha: head } : null, running, deployedByApp, targetName, runningSameAsHead });
}

/** The commit the target says it runs (cached), or null when it cannot say. */
export async function runningCommitOnTarget(): Promise<string | null> {
  const { running } = await runningOnTarget();
  return running.kind === "commit" ? running.sha : null;
}

export async function loadRollbackAvailability(admin: AdminContext): Promise<RollbackAvailability> {
  const rows = await assertAdmin(admin).db.deploy.findMany({
    where: { status: { in: [...ACTIVATED_STATUSES] }, action: { in: ["switch", "boot", "rollback"] } },
    orderBy: { id: "asc" },
    select: { id: true, action: true, commitSha: true, status: true },
  });
  return rollbackAvailability(rows);
}

/** The running generation when it waits for the admin's health decision (policy ask), else null. */
export async function loadAwaitingDecision(admin: AdminContext): Promise<AwaitingDecision | null> {
  const newest = await assertAdmin(admin).db.deploy.findFirst({
    where: { status: { in: [...ACTIVATED_STATUSES] }, action: { in: ["switch", "boot", "rollback"] } },
    orderBy: { id: "desc" },
    select: { id: true, action: true, health: true, healthDecision: true },
  });
  return awaitingDecision(newest);
}
