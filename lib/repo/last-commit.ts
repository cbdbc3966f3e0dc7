import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { isAppError } from "@/lib/errors/app-error";
import { commitInfo, type CommitInfo } from "./commits";
import { openRepo } from "./open-repo";
import { worktreeStatusThisRender } from "./status";
import { repoSettingsFromEnv, type RepoSettings } from "./settings";

/**
 * HEAD of the homey repo, for the overview page. null when the repo has no commits yet or
 * is not set up (the changes page explains the setup problem in full).
 */
export async function getLastCommit(admin: AdminContext, settings: RepoSettings = repoSettingsFromEnv()): Promise<CommitInfo | null> {
  assertAdmin(admin);
  try {
    const git = await openRepo(settings);
    // HEAD from the status the page reads anyway; the commit itself is cached by its SHA.
    const { head } = await worktreeStatusThisRender(settings.path);
    return head ? await commitInfo(git, head) : null;
  } catch (e) {
    if (isAppError(e)) return null;
    // No commits yet: `git log HEAD` fails on an unborn branch.
    if (/does not have any commits|unknown revision|bad revision/i.test(String(e))) return null;
    throw e;
  }
}
