// One commit of the homey repo as people read it: subject, author, message, what it changed
// in form terms (its values against its parent's, the same summary the Changes page shows
// for the draft) and the diff of generated/ against its parent. Derived from git only and
// kept per SHA (commit-cache.ts): a commit never changes.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { cachedByCommit, commitKey } from "@/lib/repo/commit-cache";
import { commitInfo, type CommitInfo } from "@/lib/repo/commits";
import type { Git } from "@/lib/repo/git";
import { openRepo } from "@/lib/repo/open-repo";
import { readFilesAtRev, resolveRev } from "@/lib/repo/read-files";
import type { RepoSettings } from "@/lib/repo/settings";
import { diffFolders, type FileChange } from "./file-diff";
import type { ChangeSummary } from "./pending";
import { readRepoValues } from "./repo-values";
import { summarizeChanges } from "./summary";

export interface CommitView {
  commit: CommitInfo;
  /** The first parent, or null for the repo's first commit (compared against nothing). */
  parentSha: string | null;
  /** generated/ at the parent → at the commit. */
  files: FileChange[];
  summary: ChangeSummary;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/** null when `sha` is not a full SHA of a commit in the homey repo. */
export async function getCommitView(admin: AdminContext, settings: RepoSettings, sha: string): Promise<CommitView | null> {
  assertAdmin(admin);
  if (!FULL_SHA.test(sha)) return null;
  const git = await openRepo(settings);
  if ((await resolveRev(git, sha)) !== sha) return null;
  // Kept only when the summary could be made (Nix may be missing now and present later).
  return cachedByCommit(commitKey("commit-view", sha, settings.generatedDir), () => computeCommitView(git, settings.generatedDir, sha), (v) => v?.summary.status === "ok");
}

async function computeCommitView(git: Git, dir: string, sha: string): Promise<CommitView | null> {
  const [commit, parentSha] = await Promise.all([commitInfo(git, sha), resolveRev(git, `${sha}^1`)]);
  if (!commit) return null;
  const [after, before] = await Promise.all([readFilesAtRev(git, sha, dir), parentSha ? readFilesAtRev(git, parentSha, dir) : Promise.resolve({})]);
  const files = diffFolders(dir, before, after);
  if (files.length === 0) return { commit, parentSha, files, summary: { status: "ok", areas: [], headHadFiles: Object.keys(before).length > 0 } };
  const [valuesAfter, valuesBefore] = await Promise.all([
    readRepoValues(after, { sha, generatedDir: dir }),
    parentSha ? readRepoValues(before, { sha: parentSha, generatedDir: dir }) : readRepoValues({}),
  ]);
  if (valuesAfter.status === "unavailable") return { commit, parentSha, files, summary: { status: "unavailable", reason: valuesAfter.reason } };
  if (valuesBefore.status === "unavailable") return { commit, parentSha, files, summary: { status: "unavailable", reason: valuesBefore.reason } };
  return {
    commit,
    parentSha,
    files,
    summary: { status: "ok", areas: summarizeChanges(valuesBefore.snapshot, valuesAfter.snapshot), headHadFiles: valuesBefore.status === "ok" },
  };
}
