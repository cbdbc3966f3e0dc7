// Per-file diff of two versions of generated/: what the page shows as the Nix diff, and
// what drift shows for hand edits. Pure: (before files, after files) => changes.
import { createTwoFilesPatch, structuredPatch } from "diff";
import type { FolderFiles } from "@/lib/repo/read-files";

export type FileChangeStatus = "added" | "removed" | "changed";

export interface DiffLine {
  kind: "context" | "add" | "del";
  text: string;
  /** Line number in the old file (null for an added line). */
  oldNumber: number | null;
  /** Line number in the new file (null for a removed line). */
  newNumber: number | null;
}

export interface DiffHunk {
  header: string;
  lines: DiffLine[];
}

export interface FileChange {
  /** Path from the repo root, e.g. "generated/vhosts.nix". */
  path: string;
  status: FileChangeStatus;
  additions: number;
  deletions: number;
  /** The unified diff as text (git-style a/ b/ names). */
  patch: string;
  hunks: DiffHunk[];
}

const CONTEXT_LINES = 3;

/**
 * Files that differ between `before` and `after` (names relative to `dir`), sorted by path.
 * `only`, when given, limits the comparison to those names.
 */
export function diffFolders(dir: string, before: FolderFiles, after: FolderFiles, only?: ReadonlySet<string>): FileChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((name) => (!only || only.has(name)) && before[name] !== after[name])
    .sort();
  return names.map((name) => diffFile(`${dir}/${name}`, before[name] ?? null, after[name] ?? null));
}

export function diffFile(path: string, before: string | null, after: string | null): FileChange {
  const status: FileChangeStatus = before === null ? "added" : after === null ? "removed" : "changed";
  const oldName = before === null ? "/dev/null" : `a/${path}`;
  const newName = after === null ? "/dev/null" : `b/${path}`;
  const options = { context: CONTEXT_LINES };
  const structured = structuredPatch(oldName, newName, before ?? "", after ?? "", undefined, undefined, options);
  const hunks = structured.hunks.map((h): DiffHunk => {
    let oldNumber = h.oldStart;
    let newNumber = h.newStart;
    const lines: DiffLine[] = [];
    for (const raw of h.lines) {
      const sign = raw[0];
      const text = raw.slice(1);
      if (sign === "+") lines.push({ kind: "add", text, oldNumber: null, newNumber: newNumber++ });
      else if (sign === "-") lines.push({ kind: "del", text, oldNumber: oldNumber++, newNumber: null });
      else if (sign === " ") lines.push({ kind: "context", text, oldNumber: oldNumber++, newNumber: newNumber++ });
      // "\ No newline at end of file" describes the previous line; not a line of its own.
    }
    return { header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, lines };
  });
  const all = hunks.flatMap((h) => h.lines);
  return {
    path,
    status,
    additions: all.filter((l) => l.kind === "add").length,
    deletions: all.filter((l) => l.kind === "del").length,
    patch: createTwoFilesPatch(oldName, newName, before ?? "", after ?? "", undefined, undefined, options),
    hunks,
  };
}
