// The diff of one generated file: stacked (unified) on a phone, side by side from lg: up.
// A server component — both layouts are plain markup and CSS picks one, so there is no
// client JavaScript and nothing to hydrate for what may be hundreds of lines.
import type { DiffHunk, DiffLine, FileChange } from "@/lib/changes/file-diff";
import { fileAnchor } from "./file-anchor";

const STATUS_STYLE: Record<FileChange["status"], string> = {
  added: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  removed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  changed: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};

const LINE_STYLE: Record<DiffLine["kind"], string> = {
  add: "bg-emerald-50 text-emerald-950 dark:bg-emerald-950/60 dark:text-emerald-100",
  del: "bg-red-50 text-red-950 dark:bg-red-950/60 dark:text-red-100",
  context: "text-slate-700 dark:text-slate-300",
};

const SIGN: Record<DiffLine["kind"], { mark: string; label: string }> = {
  add: { mark: "+", label: "added: " },
  del: { mark: "−", label: "removed: " },
  context: { mark: " ", label: "" },
};


/** `open`: shown expanded (a first-run import starts collapsed: every line is new). */
export function FileDiffView({ file, open = true }: { file: FileChange; open?: boolean }) {
  return (
    <details id={fileAnchor(file.path)} open={open} className="scroll-mt-4 overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800" data-testid="file-diff">
      <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-2 bg-slate-100 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:bg-slate-900">
        <code className="font-mono text-sm font-semibold break-all">{file.path}</code>
        <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[file.status]}`}>{file.status}</span>
        <span className="text-xs text-slate-600 dark:text-slate-400">
          <span className="text-emerald-700 dark:text-emerald-400">+{file.additions}</span>{" "}
          <span className="text-red-700 dark:text-red-400">−{file.deletions}</span>
        </span>
      </summary>
      {file.status === "changed" ? (
        <>
          <div className="lg:hidden">
            <StackedDiff hunks={file.hunks} />
          </div>
          <div className="hidden lg:block">
            <SideBySideDiff hunks={file.hunks} />
          </div>
        </>
      ) : (
        // A new or deleted file has only one side: side by side would leave half empty.
        <WholeFile file={file} />
      )}
    </details>
  );
}

function HunkHeader({ header }: { header: string }) {
  return <div className="bg-sky-50 px-3 py-1 font-mono text-xs text-sky-900 dark:bg-sky-950 dark:text-sky-200">{header}</div>;
}

function LineText({ line }: { line: DiffLine }) {
  const sign = SIGN[line.kind];
  return (
    <>
      <span aria-hidden="true" className="inline-block w-4 select-none">
        {sign.mark}
      </span>
      {sign.label && <span className="sr-only">{sign.label}</span>}
      {line.text || " "}
    </>
  );
}

/**
 * A new or deleted file: every line is on one side (the summary says which), so its text as
 * one block beside a block of line numbers. A first-run import shows every generated file
 * this way: a row of markup per line would make the page (and its RSC payload) ten times larger.
 */
function WholeFile({ file }: { file: FileChange }) {
  const lines = file.hunks.flatMap((hunk) => hunk.lines);
  const added = file.status === "added";
  return (
    <div
      className="overflow-x-auto"
      tabIndex={0}
      role="region"
      aria-label={`${added ? "New file, every line added" : "Deleted file, every line removed"} (scrolls sideways)`}
    >
      <div className={`flex font-mono text-xs leading-5 ${LINE_STYLE[added ? "add" : "del"]}`}>
        <pre aria-hidden="true" className="w-10 shrink-0 pr-2 text-right text-slate-600 select-none dark:text-slate-400">
          {lines.map((line) => line.newNumber ?? line.oldNumber).join("\n")}
        </pre>
        <pre className="pr-3">
          <code>{lines.map((line) => line.text).join("\n")}</code>
        </pre>
      </div>
    </div>
  );
}

function StackedDiff({ hunks }: { hunks: DiffHunk[] }) {
  return (
    // Focusable so keyboard users can scroll long lines sideways.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Diff (scrolls sideways)">
      {hunks.map((hunk) => (
        <div key={hunk.header}>
          <HunkHeader header={hunk.header} />
          <pre className="font-mono text-xs leading-5">
            {hunk.lines.map((line, i) => (
              <div key={i} className={`flex ${LINE_STYLE[line.kind]}`}>
                <span aria-hidden="true" className="w-10 shrink-0 pr-2 text-right text-slate-600 select-none dark:text-slate-400">
                  {line.newNumber ?? line.oldNumber}
                </span>
                <code className="pr-3 whitespace-pre">
                  <LineText line={line} />
                </code>
              </div>
            ))}
          </pre>
        </div>
      ))}
    </div>
  );
}

interface Row {
  left: DiffLine | null;
  right: DiffLine | null;
}

/** Pairs each run of removed lines with the run of added lines after it, row by row. */
export function sideBySideRows(lines: DiffLine[]): Row[] {
  const rows: Row[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].kind === "context") {
      rows.push({ left: lines[i], right: lines[i] });
      i++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < lines.length && lines[i].kind === "del") dels.push(lines[i++]);
    while (i < lines.length && lines[i].kind === "add") adds.push(lines[i++]);
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) rows.push({ left: dels[k] ?? null, right: adds[k] ?? null });
  }
  return rows;
}

function Cell({ line, side }: { line: DiffLine | null; side: "old" | "new" }) {
  if (!line) return <td colSpan={2} className="bg-slate-50 dark:bg-slate-900/50" />;
  const number = side === "old" ? line.oldNumber : line.newNumber;
  return (
    <>
      <td aria-hidden="true" className={`w-10 pr-2 text-right align-top text-slate-600 select-none dark:text-slate-400 ${LINE_STYLE[line.kind]}`}>
        {number}
      </td>
      <td className={`w-1/2 pr-3 align-top whitespace-pre-wrap break-words ${LINE_STYLE[line.kind]}`}>
        <code>
          <LineText line={line} />
        </code>
      </td>
    </>
  );
}

function SideBySideDiff({ hunks }: { hunks: DiffHunk[] }) {
  return (
    <div>
      {hunks.map((hunk) => (
        <div key={hunk.header}>
          <HunkHeader header={hunk.header} />
          <table className="w-full table-fixed border-collapse font-mono text-xs leading-5">
            <caption className="sr-only">Before (left) and after (right)</caption>
            <colgroup>
              <col className="w-10" />
              <col />
              <col className="w-10" />
              <col />
            </colgroup>
            <tbody>
              {sideBySideRows(hunk.lines).map((row, i) => (
                <tr key={i} className="border-slate-200 dark:border-slate-800">
                  <Cell line={row.left} side="old" />
                  <Cell line={row.right} side="new" />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
