// Undoing a failed Apply. Before the first write, Apply records HEAD and the on-disk
// content of every file it may touch; any later failure (hook, disk, push) puts exactly
// that back. Valid because Apply only starts on a tree without foreign changes.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Git } from "./git";
import type { RepoState } from "./repo-state";

export interface RepoCheckpoint {
  head: string;
  generatedDir: string;
  generatedDirExisted: boolean;
  /** Owned file name → its bytes on disk before Apply (null: it did not exist). */
  ownedOnDisk: Record<string, string | null>;
}

export function takeCheckpoint(state: RepoState & { head: string }, generatedDir: string): RepoCheckpoint {
  const ownedOnDisk: Record<string, string | null> = {};
  for (const name of state.owned) ownedOnDisk[name] = Object.hasOwn(state.workingFiles, name) ? state.workingFiles[name] : null;
  return {
    head: state.head,
    generatedDir,
    generatedDirExisted: Object.keys(state.workingFiles).length > 0,
    ownedOnDisk,
  };
}

/**
 * `reset --hard` to the old HEAD (drops a commit made in this Apply, its index and files),
 * then rewrites the owned files exactly as they were (including uncommitted hand edits),
 * and removes any file this Apply created. `touched` are names written since the checkpoint.
 */
export async function restoreCheckpoint(git: Git, repoPath: string, checkpoint: RepoCheckpoint, touched: Iterable<string>): Promise<void> {
  await git.raw(["reset", "--hard", "--quiet", checkpoint.head]);
  const root = path.join(repoPath, checkpoint.generatedDir);
  const names = new Set([...Object.keys(checkpoint.ownedOnDisk), ...touched]);
  for (const name of names) {
    const file = path.join(root, name);
    const before = checkpoint.ownedOnDisk[name] ?? null;
    if (before === null) {
      await fs.rm(file, { force: true });
    } else if ((await fs.readFile(file, "utf8").catch(() => null)) !== before) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, before);
    }
  }
  // Only an empty folder is removed: anything else in it was not ours to delete.
  if (!checkpoint.generatedDirExisted) await fs.rmdir(root).catch(() => undefined);
}
