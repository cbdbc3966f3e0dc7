// One read of everything Apply and the pending page need to know about the repo: HEAD,
// generated/ at HEAD and on disk, which files the app owns, and who changed what.
import "server-only";
import type { Git } from "./git";
import { ownedFileNames } from "./ownership";
import { readFilesAtRev, readWorkingFiles, type FolderFiles } from "./read-files";
import type { RepoSettings } from "./settings";
import { classifyChanges, worktreeStatusThisRender, type WorkingTreeChange } from "./status";

export interface RepoState {
  head: string | null;
  /** The checked-out branch (null: detached HEAD). */
  branch: string | null;
  /** generated/ as committed at HEAD. */
  headFiles: FolderFiles;
  /** generated/ on disk. */
  workingFiles: FolderFiles;
  /** Names (inside generated/) the app renders or that carry its header. */
  owned: Set<string>;
  /** Uncommitted edits to owned files: drift that Apply overwrites. */
  ownedEdits: WorkingTreeChange[];
  /** Uncommitted changes anywhere else: Apply refuses while there are any. */
  foreignChanges: WorkingTreeChange[];
}

export async function readRepoState(git: Git, settings: RepoSettings, renderedNames: Iterable<string>): Promise<RepoState> {
  // HEAD, branch and changes in one read; the files at HEAD are cached by its SHA.
  const [{ head, branch, changes }, workingFiles] = await Promise.all([
    worktreeStatusThisRender(settings.path),
    readWorkingFiles(settings.path, settings.generatedDir),
  ]);
  const headFiles = head ? await readFilesAtRev(git, head, settings.generatedDir) : {};
  const owned = ownedFileNames(renderedNames, headFiles, workingFiles);
  const { owned: ownedEdits, foreign: foreignChanges } = classifyChanges(changes, settings.generatedDir, owned);
  return { head, branch, headFiles, workingFiles, owned, ownedEdits, foreignChanges };
}

/** generated/ as a reader of the repo sees it now: HEAD, with uncommitted edits to owned files. */
export function currentGeneratedFiles(state: RepoState): FolderFiles {
  const current: FolderFiles = { ...state.headFiles };
  for (const name of state.owned) {
    if (Object.hasOwn(state.workingFiles, name)) current[name] = state.workingFiles[name];
    else delete current[name];
  }
  return current;
}
