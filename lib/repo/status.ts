// The working tree as `git status` sees it, split into what the app may overwrite (its own
// files in generated/) and everything else, which Apply must never touch or commit.
import "server-only";
import { perRequest } from "@/lib/http/request-memo";
import { openGit, type Git } from "./git";
import { AppError } from "@/lib/errors/app-error";

export interface WorkingTreeChange {
  /** Path from the repo root. */
  path: string;
  /** Porcelain XY code, e.g. " M", "??", "D ". */
  code: string;
}

export async function workingTreeChanges(git: Git): Promise<WorkingTreeChange[]> {
  return (await worktreeStatus(git)).changes;
}

export interface WorktreeStatus {
  /** The commit HEAD points to; null in a repo without commits. */
  head: string | null;
  /** The checked-out branch; null on a detached HEAD. */
  branch: string | null;
  changes: WorkingTreeChange[];
}

/**
 * HEAD, the branch and every uncommitted change from one `git status --porcelain=v2
 * --branch` (instead of rev-parse + symbolic-ref + status: one process, one consistent read).
 * Change codes are given in porcelain v1 spelling (" M", "??"), as the callers expect.
 */
export async function worktreeStatus(git: Git): Promise<WorktreeStatus> {
  const out = await git.raw(["status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all"]);
  const fields = out.split("\0");
  let head: string | null = null;
  let branch: string | null = null;
  const changes: WorkingTreeChange[] = [];
  const v1 = (xy: string) => xy.replaceAll(".", " ");
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field.startsWith("# branch.oid ")) {
      const oid = field.slice("# branch.oid ".length);
      head = oid === "(initial)" ? null : oid;
    } else if (field.startsWith("# branch.head ")) {
      const name = field.slice("# branch.head ".length);
      branch = name === "(detached)" ? null : name;
    } else if (field.startsWith("1 ")) {
      // 1 XY sub mH mI mW hH hI path
      changes.push({ path: afterSpaces(field, 8), code: v1(field.slice(2, 4)) });
    } else if (field.startsWith("2 ")) {
      // 2 XY sub mH mI mW hH hI Xscore path, then the source path as the next field: it changed too.
      const code = v1(field.slice(2, 4));
      changes.push({ path: afterSpaces(field, 9), code });
      changes.push({ path: fields[++i], code });
    } else if (field.startsWith("u ")) {
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      changes.push({ path: afterSpaces(field, 10), code: v1(field.slice(2, 4)) });
    } else if (field.startsWith("? ")) {
      changes.push({ path: field.slice(2), code: "??" });
    }
  }
  return { head, branch, changes };
}

/**
 * worktreeStatus once per request (perRequest, by the repo's path), so the nav badge, the
 * headline and the page's last commit share one `git status`. Outside a render (Apply in a server
 * action, the deploy runner) React does not memoize: every call there reads afresh.
 */
export const worktreeStatusThisRender = perRequest((repoPath: string): Promise<WorktreeStatus> => worktreeStatus(openGit(repoPath)));

/** The rest of `field` after its first `count` space-separated parts (paths may hold spaces). */
function afterSpaces(field: string, count: number): string {
  let at = 0;
  for (let n = 0; n < count; n++) at = field.indexOf(" ", at) + 1;
  return field.slice(at);
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
