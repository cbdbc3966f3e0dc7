// Writing the rendered files into generated/ and staging exactly those paths: the app's
// files only, and owned files it no longer renders are deleted.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Git } from "./git";
import type { FolderFiles } from "./read-files";

/** Names written or deleted, for the checkpoint restore and the staging step. */
export async function writeGeneratedFiles(
  repoPath: string,
  generatedDir: string,
  rendered: FolderFiles,
  owned: ReadonlySet<string>,
  onTouch: (name: string) => void,
): Promise<void> {
  const root = path.join(repoPath, generatedDir);
  const writes = Object.entries(rendered).map(([name, text]) => {
    const file = path.join(root, name);
    if (!file.startsWith(root + path.sep)) throw new Error(`Refusing to write outside ${generatedDir}/: ${name}`);
    return { name, file, text };
  });
  // Files are independent: written side by side, each atomically; every name is recorded as
  // touched before its write starts, so a failure restores all of them.
  await Promise.all(
    writes.map(async ({ name, file, text }) => {
      onTouch(name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write to a temp name and rename: a full disk leaves the old file, never half a file.
      const temp = `${file}.homey-admin-tmp`;
      try {
        await fs.writeFile(temp, text);
        await fs.rename(temp, file);
      } finally {
        await fs.rm(temp, { force: true });
      }
    }),
  );
  const stale = [...owned].filter((name) => !Object.hasOwn(rendered, name));
  for (const name of stale) onTouch(name);
  await Promise.all(stale.map((name) => fs.rm(path.join(root, name), { force: true })));
}

/** Stages the owned paths (additions, edits and deletions), and nothing else. */
export async function stageGeneratedFiles(git: Git, generatedDir: string, names: Iterable<string>, trackedAtHead: ReadonlySet<string>, repoPath: string): Promise<void> {
  const list = [...names];
  const onDisk = await Promise.all(list.map((name) => fs.access(path.join(repoPath, generatedDir, name)).then(() => true, () => false)));
  // A path neither on disk nor in HEAD (an untracked stale file we deleted) has nothing to stage.
  const paths = list.filter((name, i) => onDisk[i] || trackedAtHead.has(name)).map((name) => `:(literal)${generatedDir}/${name}`);
  if (paths.length > 0) await git.raw(["add", "--all", "--", ...paths]);
}

/** True when the index differs from HEAD. */
export async function hasStagedChanges(git: Git): Promise<boolean> {
  try {
    await git.raw(["diff", "--cached", "--quiet"]);
    return false;
  } catch {
    return true;
  }
}
