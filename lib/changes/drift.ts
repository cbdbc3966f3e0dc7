// Drift: generated/ changed by hand since homey-admin last wrote it — in a commit someone
// else made, or uncommitted on disk. Detected by content, against the app's last commit
// (found by its trailer), so a commit that touches only other folders is not drift.
import "server-only";
import type { Git } from "@/lib/repo/git";
import { commitInfo, lastAppCommit, listCommits, type CommitInfo } from "@/lib/repo/commits";
import { isAncestor } from "@/lib/repo/sync";
import { readFilesAtRev, type FolderFiles } from "@/lib/repo/read-files";
import { currentGeneratedFiles, type RepoState } from "@/lib/repo/repo-state";
import type { RepoSettings } from "@/lib/repo/settings";
import { diffFolders, type FileChange } from "./file-diff";

export interface DriftReport {
  /**
   * What the hand edits are measured against: the app's last commit, or a later commit
   * whose values were imported into the draft. null when the app never wrote generated/.
   */
  baseline: CommitInfo | null;
  /** True when the baseline is an imported commit rather than an app commit. */
  baselineImported: boolean;
  /** Commits since the baseline that changed generated/ (not made by the app). */
  commits: CommitInfo[];
  /** Owned files with uncommitted edits on disk. */
  uncommitted: string[];
  /** What changed since the baseline: baseline → HEAD plus uncommitted edits. */
  files: FileChange[];
  /** The draft already equals these hand edits: nothing to decide. */
  draftMatches: boolean;
}

export async function detectDrift(
  git: Git,
  settings: RepoSettings,
  state: RepoState,
  rendered: FolderFiles,
  /** HEAD at the last "import into draft", if any (from the audit log). */
  importedAt: string | null = null,
): Promise<DriftReport | null> {
  if (!state.head) return null;
  const appCommit = await lastAppCommit(git, state.head);
  const imported = await usableImport(git, importedAt, appCommit?.sha ?? null, state.head);
  const baseline = imported ?? appCommit;
  const baselineFiles = baseline ? await readFilesAtRev(git, baseline.sha, settings.generatedDir) : {};
  const current = currentGeneratedFiles(state);
  const files = diffFolders(settings.generatedDir, baselineFiles, current);
  if (files.length === 0) return null;
  const range = baseline ? `${baseline.sha}..${state.head}` : state.head;
  const commits = await listCommits(git, range, { paths: [`${settings.generatedDir}/`], max: 20 });
  return {
    baseline,
    baselineImported: imported !== null,
    commits,
    uncommitted: [...new Set(state.ownedEdits.map((c) => c.path))].sort(),
    files,
    draftMatches: diffFolders(settings.generatedDir, current, rendered, state.owned).length === 0,
  };
}

/** An imported commit counts only if it is on HEAD's history and not older than the app's commit. */
async function usableImport(git: Git, importedAt: string | null, appCommit: string | null, head: string): Promise<CommitInfo | null> {
  if (!importedAt || importedAt === appCommit) return null;
  if (!(await isAncestor(git, importedAt, head))) return null;
  if (appCommit && !(await isAncestor(git, appCommit, importedAt))) return null;
  return commitInfo(git, importedAt);
}
