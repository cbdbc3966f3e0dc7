// Reading generated/ as git has it (at a commit) and as the disk has it (working tree).
// The pending diff is always against a commit, never the working tree, so a half-written
// file or a hand edit on disk cannot make a change look already applied.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { SimpleGit } from "simple-git";

/** Files of one folder, keyed by their path inside it ("services.nix", "sub/x.nix"). */
export type FolderFiles = Record<string, string>;

/** The commit HEAD points to, or null in a repo without commits. */
export async function headSha(git: SimpleGit): Promise<string | null> {
  return resolveRev(git, "HEAD");
}

export async function resolveRev(git: SimpleGit, rev: string): Promise<string | null> {
  try {
    const sha = (await git.raw(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`])).trim();
    return sha || null;
  } catch {
    return null;
  }
}

/** The files under `dir` in commit `rev` ({} when the folder is not in that commit). */
export async function readFilesAtRev(git: SimpleGit, rev: string, dir: string): Promise<FolderFiles> {
  const listing = await git.raw(["ls-tree", "-r", "-z", "--full-tree", "--name-only", rev, "--", `${dir}/`]);
  const paths = listing.split("\0").filter(Boolean);
  const entries = await Promise.all(
    paths.map(async (p) => [p.slice(dir.length + 1), await git.show([`${rev}:${p}`])] as const),
  );
  return Object.fromEntries(entries);
}

/** The files under `dir` on disk ({} when the folder does not exist). */
export async function readWorkingFiles(repoPath: string, dir: string): Promise<FolderFiles> {
  const root = path.join(repoPath, dir);
  const files: FolderFiles = {};
  async function walk(folder: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files[path.relative(root, full).split(path.sep).join("/")] = await fs.readFile(full, "utf8");
    }
  }
  await walk(root);
  return files;
}

/** Names whose content differs between two folders (present in one only counts). */
export function changedNames(a: FolderFiles, b: FolderFiles, only?: ReadonlySet<string>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((n) => (!only || only.has(n)) && a[n] !== b[n]).sort();
}
