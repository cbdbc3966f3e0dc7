// Reading generated/ as git has it (at a commit) and as the disk has it (working tree).
// The pending diff is always against a commit, never the working tree, so a half-written
// file or a hand edit on disk cannot make a change look already applied.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Git } from "./git";
import { cachedByCommit, commitKey } from "./commit-cache";

/** Files of one folder, keyed by their path inside it ("services.nix", "sub/x.nix"). */
export type FolderFiles = Record<string, string>;

/** The commit HEAD points to, or null in a repo without commits. */
export async function headSha(git: Git): Promise<string | null> {
  return resolveRev(git, "HEAD");
}

export async function resolveRev(git: Git, rev: string): Promise<string | null> {
  try {
    const sha = (await git.raw(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`])).trim();
    return sha || null;
  } catch {
    return null;
  }
}

/** The files under `dir` in commit `rev` ({} when the folder is not in that commit). */
export async function readFilesAtRev(git: Git, rev: string, dir: string): Promise<FolderFiles> {
  // A full SHA names content that never changes: read once per process.
  if (!FULL_SHA.test(rev)) return readFilesAtRevUncached(git, rev, dir);
  return { ...(await cachedByCommit(commitKey("files", rev, dir), () => readFilesAtRevUncached(git, rev, dir))) };
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * Two git processes whatever the number of files: `ls-tree -l` lists blobs with their sizes,
 * one `git show` of every blob prints them back to back, and the sizes split that output.
 */
async function readFilesAtRevUncached(git: Git, rev: string, dir: string): Promise<FolderFiles> {
  const listing = await git.raw(["ls-tree", "-r", "-z", "-l", "--full-tree", rev, "--", `${dir}/`]);
  const blobs: { path: string; id: string; size: number }[] = [];
  for (const entry of listing.split("\0")) {
    // "<mode> <type> <object> <size padded>\t<path>"
    const tab = entry.indexOf("\t");
    if (tab === -1) continue;
    const [, type, id, size] = entry.slice(0, tab).split(/\s+/);
    if (type === "blob") blobs.push({ path: entry.slice(tab + 1), id, size: Number(size) });
  }
  if (blobs.length === 0) return {};
  const contents = await git.rawBuffer(["show", "--no-textconv", ...blobs.map((b) => b.id)]);
  const files: FolderFiles = {};
  let offset = 0;
  for (const blob of blobs) {
    files[blob.path.slice(dir.length + 1)] = contents.subarray(offset, offset + blob.size).toString("utf8");
    offset += blob.size;
  }
  if (offset !== contents.length) {
    throw new Error(`git show returned ${contents.length} bytes for ${blobs.length} blob(s) of ${offset} bytes in ${rev}:${dir}/`);
  }
  return files;
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
