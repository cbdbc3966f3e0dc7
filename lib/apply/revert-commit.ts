// The revert commit that makes a rollback stick: generated/ is put back exactly as an earlier
// commit (the one the target was rolled back to) had it, committed by homey-admin on behalf
// of the admin, and pushed, so HEAD agrees with what runs and the next deploy does not
// re-apply the reverted change. Same repo lock and remote rules as Apply (fast-forward only,
// never merge); a failure after the first write puts the clone back where it was.
import "server-only";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { commitInfo, type CommitInfo } from "@/lib/repo/commits";
import { appCommitterEmail, APP_COMMITTER_NAME, gitErrorText, type Git } from "@/lib/repo/git";
import { withRepoLock } from "@/lib/repo/lock";
import { openRepo } from "@/lib/repo/open-repo";
import { APP_TRAILER_KEY } from "@/lib/repo/ownership";
import type { RepoSettings } from "@/lib/repo/settings";
import { assertOnBranch, fastForwardFromRemote, pushToRemote } from "@/lib/repo/sync";

export interface RevertInput {
  settings: RepoSettings;
  /** generated/ becomes what it is at this commit. */
  toSha: string;
  /** First line and body (without trailers). */
  subject: string;
  body: string;
  /** The admin the revert is made for (a trailer; the author is homey-admin). */
  onBehalfOf: string;
}

export type RevertResult = { status: "committed"; commit: CommitInfo; pushed: boolean } | { status: "nothing"; head: CommitInfo | null };

export const ON_BEHALF_TRAILER = "On-behalf-of";

async function treeOf(git: Git, rev: string, dir: string): Promise<string | null> {
  try {
    return (await git.raw(["rev-parse", "--verify", "--quiet", `${rev}:${dir}`])).trim() || null;
  } catch {
    return null;
  }
}

export async function makeRevertCommit(input: RevertInput): Promise<RevertResult> {
  const { settings } = input;
  const dir = settings.generatedDir;
  const git = await openRepo(settings);
  return withRepoLock(settings.path, async () => {
    await assertOnBranch(git, settings);
    await fastForwardFromRemote(git, settings);
    const head = (await git.raw(["rev-parse", "HEAD"])).trim();
    const [wanted, current] = await Promise.all([treeOf(git, input.toSha, dir), treeOf(git, "HEAD", dir)]);
    if (wanted === null) {
      throw new AppError("REPO_FAILED", `Commit ${input.toSha.slice(0, 7)} has no ${dir}/ folder (or is not in the clone at ${settings.path}): there is nothing to revert to.`);
    }
    if (wanted === current) return { status: "nothing", head: await commitInfo(git, "HEAD") };
    const edits = (await git.raw(["status", "--porcelain", "--", `${dir}/`])).trim();
    if (edits) {
      throw new AppError(
        "REPO_FAILED",
        `The clone at ${settings.path} has uncommitted edits in ${dir}/, so the revert commit was not made:\n${edits}\nCommit or discard them, then roll back again (the target itself was already rolled back).`,
      );
    }
    let committed = false;
    try {
      // generated/ exactly as at toSha: files added since are removed, the others restored.
      await git.raw(["rm", "-r", "-q", "--ignore-unmatch", "--", `${dir}/`]);
      await git.raw(["checkout", input.toSha, "--", `${dir}/`]);
      // Both trailers in the last paragraph, where git (and commits.ts's byApp) finds them.
      const message = `${input.subject}\n\n${input.body.trim()}\n\n${ON_BEHALF_TRAILER}: ${input.onBehalfOf.replace(/[\r\n]/g, " ")}\n${APP_TRAILER_KEY}: revert\n`;
      await commitWithMessage(git, `--author=${APP_COMMITTER_NAME} <${appCommitterEmail(settings.domain)}>`, message);
      committed = true;
      await pushToRemote(git, settings);
      return { status: "committed", commit: (await commitInfo(git, "HEAD"))!, pushed: Boolean(settings.remote) };
    } catch (error) {
      // Back to where the clone was: the commit (if made) undone, generated/ as at HEAD before.
      // (generated/ was clean before, so putting it back to HEAD loses nothing; other files are never touched.)
      const restore = committed
        ? git.raw(["reset", "--quiet", "--keep", head])
        : git
            .raw(["reset", "--quiet", "HEAD", "--", `${dir}/`])
            .then(() => git.raw(["checkout", "HEAD", "--", `${dir}/`]))
            .then(() => git.raw(["clean", "-fdq", "--", `${dir}/`]));
      const restored = await restore.then(
        () => `The clone is back at ${head.slice(0, 7)}.`,
        (e: unknown) => `Restoring the clone to ${head.slice(0, 7)} ALSO failed (${gitErrorText(e)}): check ${settings.path} by hand.`,
      );
      const what = committed ? `Pushing the revert commit to ${settings.remote} was refused` : "Making the revert commit failed";
      throw new AppError("REPO_FAILED", `${what}: ${gitErrorText(error) || String(error)}. ${restored}`);
    }
  });
}

/** `git commit -F`: the message (with the failed checks) may be long. */
async function commitWithMessage(git: Git, author: string, message: string): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "homey-admin-revert-"));
  try {
    const file = path.join(tmp, "message");
    await fs.writeFile(file, message);
    await git.raw(["commit", "--quiet", author, "-F", file]);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
