// Keeping the working clone in step with the remote: fast-forward before Apply (never merge
// or rebase on someone's behalf), push after. Without a remote these are no-ops.
import "server-only";
import type { Git } from "./git";
import { AppError } from "@/lib/errors/app-error";
import { cachedByCommit, commitKey } from "./commit-cache";
import { gitErrorText } from "./git";
import { headSha, resolveRev } from "./read-files";
import type { RepoSettings } from "./settings";

/** Where fetch keeps the remote branch; our own namespace, whatever the remote is called. */
export function trackingRef(branch: string): string {
  return `refs/remotes/homey-admin/${branch}`;
}

/** Refuses to work on another branch or a detached HEAD: commits would land in the wrong place. */
export async function assertOnBranch(git: Git, settings: RepoSettings): Promise<void> {
  let current: string;
  try {
    current = (await git.raw(["symbolic-ref", "--quiet", "--short", "HEAD"])).trim();
  } catch {
    current = "";
  }
  assertBranchIs(current || null, settings);
}

/** The same refusal, for a branch already read (e.g. by worktreeStatus); null = detached. */
export function assertBranchIs(current: string | null, settings: RepoSettings): void {
  if (current !== settings.branch) {
    throw new AppError(
      "REPO_FAILED",
      `The homey repo at ${settings.path} is ${current ? `on branch "${current}"` : "not on a branch (detached HEAD)"}, ` +
        `but homey-admin commits to "${settings.branch}". Check out "${settings.branch}" there (or set HOMEY_REPO_BRANCH).`,
    );
  }
}

export interface SyncResult {
  /** Set when the clone was behind and has been fast-forwarded. */
  fastForwarded: { from: string | null; to: string } | null;
}

/**
 * `localHead`: HEAD as the caller just read it (under the repo lock), saving a rev-parse.
 * `fetched`: a fetchRemoteBranch the caller started earlier (it only moves our tracking ref,
 * so it can run beside the reads that come before this step).
 */
export async function fastForwardFromRemote(
  git: Git,
  settings: RepoSettings,
  localHead?: string | null,
  fetched?: Promise<string | null>,
): Promise<SyncResult> {
  if (!settings.remote) return { fastForwarded: null };
  const remoteSha = await (fetched ?? fetchRemoteBranch(git, settings));
  if (!remoteSha) return { fastForwarded: null }; // an empty remote: the first push creates the branch
  const local = localHead === undefined ? await headSha(git) : localHead;
  if (local === remoteSha || (local && (await isAncestor(git, remoteSha, local)))) return { fastForwarded: null };
  if (!local || (await isAncestor(git, local, remoteSha))) {
    try {
      await git.raw(["merge", "--ff-only", "--no-edit", remoteSha]);
    } catch (e) {
      throw new AppError("REPO_FAILED", `Could not fast-forward to the remote's ${settings.branch}: ${gitErrorText(e)}`);
    }
    return { fastForwarded: { from: local, to: remoteSha } };
  }
  const [ahead, behind] = (await git.raw(["rev-list", "--left-right", "--count", `${local}...${remoteSha}`]))
    .trim()
    .split(/\s+/)
    .map(Number);
  throw new AppError(
    "REPO_DIVERGED",
    `The working clone and the remote's "${settings.branch}" have diverged: the clone has ${ahead} commit(s) ` +
      `the remote lacks, and the remote has ${behind} the clone lacks. homey-admin never merges or rebases on its own, ` +
      `so nothing was written. In ${settings.path}, reconcile them (e.g. git pull --rebase, then git push), then Apply again.`,
    { ahead, behind, local, remote: remoteSha },
  );
}

/** Fetches the branch into trackingRef; null when the remote does not have it yet (or there is no remote). */
export async function fetchRemoteBranch(git: Git, settings: RepoSettings): Promise<string | null> {
  if (!settings.remote) return null;
  const ref = trackingRef(settings.branch);
  try {
    await git.raw(["fetch", "--no-tags", "--quiet", settings.remote!, `+refs/heads/${settings.branch}:${ref}`]);
  } catch (e) {
    const text = gitErrorText(e);
    if (/couldn't find remote ref/i.test(text)) return null;
    throw new AppError("REPO_FAILED", `Could not fetch from the remote (${settings.remote}); nothing was written. git said: ${text}`);
  }
  return resolveRev(git, ref);
}

export async function isAncestor(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  // History between two commits never changes: cached when both are full SHAs.
  if (FULL_SHA.test(ancestor) && FULL_SHA.test(descendant)) {
    return cachedByCommit(
      commitKey("ancestor", ancestor, descendant),
      () => isAncestorUncached(git, ancestor, descendant),
      // "No" may only mean the commit is not fetched yet: only "yes" is final.
      (yes) => yes,
    );
  }
  return isAncestorUncached(git, ancestor, descendant);
}

const FULL_SHA = /^[0-9a-f]{40}$/;

async function isAncestorUncached(git: Git, ancestor: string, descendant: string): Promise<boolean> {
  try {
    await git.raw(["merge-base", "--is-ancestor", ancestor, descendant]);
    return true;
  } catch {
    return false;
  }
}

/** Pushes HEAD to the remote branch; throws git's own words (the caller rolls back). */
export async function pushToRemote(git: Git, settings: RepoSettings): Promise<void> {
  if (!settings.remote) return;
  await git.raw(["push", "--quiet", settings.remote, `HEAD:refs/heads/${settings.branch}`]);
  await git.raw(["update-ref", trackingRef(settings.branch), "HEAD"]);
}
