// generated/ was edited outside homey-admin: show how, and offer the two ways out.
import type { DriftReport } from "@/lib/changes/drift";
import type { ActionResult } from "@/lib/errors/action-result";
import { formatWhen } from "@/lib/format/when";
import { FileDiffView } from "./file-diff-view";
import { ImportForm } from "./import-form";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;


export function DriftPanel({
  drift,
  generatedDir,
  importAction,
  importUnavailable,
}: {
  drift: DriftReport;
  generatedDir: string;
  importAction: FormAction;
  importUnavailable: string | null;
}) {
  if (drift.draftMatches) {
    return (
      <p className="rounded-md border-l-4 border-slate-400 bg-slate-100 p-3 text-sm dark:bg-slate-900" data-testid="drift-settled">
        {generatedDir}/ was edited outside homey-admin since its last commit, and the draft already has the same values: nothing to
        decide. The next Apply makes homey-admin&apos;s version the reference again.
      </p>
    );
  }
  return (
    <section
      aria-labelledby="drift-heading"
      className="space-y-4 rounded-lg border-2 border-amber-500 bg-amber-50 p-4 text-amber-950 dark:bg-amber-950/40 dark:text-amber-50"
      data-testid="drift-panel"
    >
      <div>
        <h2 id="drift-heading" className="text-lg font-semibold">
          {generatedDir}/ was edited by hand
        </h2>
        <p className="mt-1 text-sm">
          {drift.baseline
            ? drift.baselineImported
              ? `Since its values were last imported into the draft (${drift.baseline.shortSha}, ${formatWhen(drift.baseline.date)}), `
              : `Since homey-admin last wrote it (${drift.baseline.shortSha}, ${formatWhen(drift.baseline.date)}), `
            : "homey-admin has never committed to this repo, but "}
          {drift.commits.length > 0 && `${drift.commits.length} commit(s) changed it`}
          {drift.commits.length > 0 && drift.uncommitted.length > 0 && " and "}
          {drift.uncommitted.length > 0 && `${drift.uncommitted.length} file(s) have uncommitted edits`}
          {drift.commits.length === 0 && drift.uncommitted.length === 0 && "it has content homey-admin did not write"}.
        </p>
        {drift.commits.length > 0 && (
          <ul className="mt-2 space-y-1 text-sm">
            {drift.commits.map((c) => (
              <li key={c.sha}>
                <code className="font-mono">{c.shortSha}</code> {c.subject}{" "}
                <span className="text-amber-800 dark:text-amber-200">
                  — {c.authorName}, {formatWhen(c.date)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="space-y-3">
        {drift.files.map((file) => (
          <FileDiffView key={file.path} file={file} />
        ))}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-2">
          <a
            href="#apply"
            className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-slate-900 px-4 py-2 font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 sm:w-auto dark:bg-sky-500 dark:text-slate-950"
          >
            Overwrite with the draft
          </a>
          <p className="text-xs text-slate-700 dark:text-slate-300">
            The normal Apply below: the hand edits are replaced by what the draft renders (they stay in git history).
          </p>
        </div>
        <ImportForm action={importAction} unavailableReason={importUnavailable} />
      </div>
    </section>
  );
}
