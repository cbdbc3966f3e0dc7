// One read of everything Apply and the pending page need to know about the repo: HEAD,
// generated/ at HEAD and on disk, which files the app owns, and who changed what.
import "server-only";
import type { SimpleGit } from "simple-git";
import { ownedFileNames } from "./ownership";
import { headSha, readFilesAtRev, readWorkingFiles, type FolderFiles } from "./read-files";
import type { RepoSettings } from "./settings";
import { classifyChanges, workingTreeChanges, type WorkingTreeChange } from "./status";

export interface RepoState {
  head: string | null;
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

export async function readRepoState(git: SimpleGit, settings: RepoSettings, renderedNames: Iterable<string>): Promise<RepoState> {
  const head = await headSha(git);
  const [headFiles, workingFiles, changes] = await Promise.all([
    head ? readFilesAtRev(git, head, settings.generatedDir) : Promise.resolve({}),
    readWorkingFiles(settings.path, settings.generatedDir),
    workingTreeChanges(git),
  ]);
  const owned = ownedFileNames(renderedNames, headFiles, workingFiles);
  const { owned: ownedEdits, foreign: foreignChanges } = classifyChanges(changes, settings.generatedDir, owned);
  return { head, headFiles, workingFiles, owned, ownedEdits, foreignChanges };
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
