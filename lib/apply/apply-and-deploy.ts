// "Apply & deploy" from the quick-toggle page: commit the draft (when it differs from the
// last commit) and switch the system to that commit, in one step the admin confirmed once.
// Every refusal that can be known up front (a deploy running, bad deploy settings, the
// pending changes moved since the admin looked) comes before anything is committed.
import "server-only";
import type { AdminContext } from "@/lib/auth/admin-context";
import { loadDeployTarget } from "@/lib/deploy/config";
import { deployRunner } from "@/lib/deploy/instance";
import type { DeployRunner } from "@/lib/deploy/runner";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { applyDraft } from "./apply-draft";
import type { RepoSettings } from "@/lib/repo/settings";
import { readQuickPending } from "@/lib/quick/quick-toggle";

export interface ApplyAndDeployInput {
  admin: AdminContext;
  settings: RepoSettings;
  /** QuickPending.fingerprint of what the admin confirmed. */
  fingerprint: string;
  runner?: Pick<DeployRunner, "current" | "start">;
}

export interface ApplyAndDeployResult {
  deployId: number;
  sha: string;
  shortSha: string;
  /** false: nothing to commit, the last commit was deployed as it is. */
  committed: boolean;
}

export async function applyAndDeploy(input: ApplyAndDeployInput): Promise<ApplyAndDeployResult> {
  const runner = input.runner ?? deployRunner();
  const running = runner.current();
  if (running) {
    throw new AppError("DEPLOY_BUSY", `Deploy #${running.deployId} is still running. Nothing was committed: wait for it to end, then apply again.`, {
      deployId: running.deployId,
    });
  }
  loadDeployTarget(); // DEPLOY_CONFIG with every problem listed, before anything is committed

  const pending = await readQuickPending(input.admin, input.settings);
  if (pending.fingerprint !== input.fingerprint) {
    throw new AppError(
      "CONFLICT",
      "What would change is no longer what you confirmed: the draft, the repo or the running system changed meanwhile. Nothing was committed or deployed; look at the new summary and apply again.",
    );
  }
  if (pending.blockedReason) throw new AppError("CONFLICT", `Nothing was committed or deployed. ${pending.blockedReason}`);
  if (!pending.toDeploy) throw new AppError("CONFLICT", "Nothing to apply: the draft is committed and running.");

  let sha = pending.head?.sha ?? null;
  let committed = false;
  if (pending.toCommit) {
    const result = await applyDraft({ admin: input.admin, settings: input.settings });
    if (result.status === "committed") {
      sha = result.commit.sha;
      committed = true;
    } else {
      sha = result.head?.sha ?? sha;
    }
  }
  if (!sha) throw new AppError("REPO_FAILED", "The homey repo has no commit to deploy (see Changes).");

  try {
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: input.admin.actor });
    return { deployId, sha, shortSha: sha.slice(0, 7), committed };
  } catch (error) {
    if (!committed || !isAppError(error)) throw error;
    // The commit stays (it is the record); say so, so the admin deploys it from Deploys.
    throw new AppError(error.code, `Committed ${sha.slice(0, 7)}, but the deploy did not start: ${error.message}`, { ...error.details, sha });
  }
}
