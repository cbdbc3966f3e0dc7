// The working tree as `git status` sees it, split into what the app may overwrite (its own
// files in generated/) and everything else, which Apply must never touch or commit.
import "server-only";
import type { SimpleGit } from "simple-git";
import { AppError } from "@/lib/errors/app-error";

export interface WorkingTreeChange {
  /** Path from the repo root. */
  path: string;
  /** Porcelain XY code, e.g. " M", "??", "D ". */
  code: string;
}

export async function workingTreeChanges(git: SimpleGit): Promise<WorkingTreeChange[]> {
  const out = await git.raw(["status", "--porcelain=v1", "-z", "--untracked-files=all"]);
  const fields = out.split("\0");
  const changes: WorkingTreeChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.length < 4) continue;
    const code = field.slice(0, 2);
    changes.push({ path: field.slice(3), code });
    // Renames and copies are followed by their source path: it changed too.
    if (code[0] === "R" || code[0] === "C") changes.push({ path: fields[++i], code });
  }
  return changes;
}

export interface ClassifiedChanges {
  /** Hand edits to files the app owns: drift, overwritten by Apply. */
  owned: WorkingTreeChange[];
  /** Anything else: the app did not make it and will not commit it. */
  foreign: WorkingTreeChange[];
}

export function classifyChanges(
  changes: WorkingTreeChange[],
  generatedDir: string,
  ownedNames: ReadonlySet<string>,
): ClassifiedChanges {
  const prefix = `${generatedDir}/`;
  const isOwned = (p: string) => p.startsWith(prefix) && ownedNames.has(p.slice(prefix.length));
  return {
    owned: changes.filter((c) => isOwned(c.path)),
    foreign: changes.filter((c) => !isOwned(c.path)),
  };
}

/** REPO_DIRTY with the file list: Apply would otherwise commit or clobber someone's work. */
export function dirtyTreeError(repoPath: string, foreign: WorkingTreeChange[]): AppError {
  const files = [...new Set(foreign.map((c) => c.path))];
  const shown = files.slice(0, 20).join(", ") + (files.length > 20 ? `, and ${files.length - 20} more` : "");
  return new AppError(
    "REPO_DIRTY",
    `The homey repo at ${repoPath} has changes homey-admin did not make: ${shown}. ` +
      "Nothing was written. Commit or discard them there (git status shows them), then Apply again.",
    { files },
  );
}
