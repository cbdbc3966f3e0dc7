// What the admin changed, per area, in the words of the forms.
import type { ChangeSummary as Summary } from "@/lib/changes/pending";
import type { ItemChange } from "@/lib/changes/summary";

const KIND_STYLE: Record<ItemChange["kind"], string> = {
  added: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  removed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  changed: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};

export function ChangeSummary({ summary, filesChanged }: { summary: Summary; filesChanged: boolean }) {
  if (summary.status === "unavailable") {
    return (
      <p className="rounded-md border-l-4 border-slate-400 bg-slate-100 p-3 text-sm dark:bg-slate-900" data-testid="summary-unavailable">
        {summary.reason} Showing the file diff only.
      </p>
    );
  }
  if (summary.areas.length === 0) {
    return filesChanged ? (
      <p className="rounded-md border-l-4 border-slate-400 bg-slate-100 p-3 text-sm dark:bg-slate-900">
        No setting changes: the repo already has these values, only the files&apos; formatting differs (e.g. after a hand edit). Apply
        rewrites them in homey-admin&apos;s format.
      </p>
    ) : null;
  }
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="change-summary">
      {!summary.headHadFiles && (
        <p className="text-sm text-slate-600 md:col-span-2 dark:text-slate-400">The last commit has no generated files yet, so everything is new.</p>
      )}
      {summary.areas.map((area) => (
        <section
          key={area.area}
          aria-labelledby={`area-${area.area}`}
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h3 id={`area-${area.area}`} className="font-semibold">
            {area.title} <span className="text-sm font-normal text-slate-500">({area.changes.length})</span>
          </h3>
          <ul className="mt-2 space-y-2 text-sm">
            {area.changes.map((change, i) => (
              <li key={`${change.kind}-${change.label}-${i}`}>
                <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${KIND_STYLE[change.kind]}`}>{change.kind}</span>
                <span className="font-medium break-words">{change.label}</span>
                {change.detail && <span className="text-slate-600 dark:text-slate-400"> — {change.detail}</span>}
                {change.fields.length > 0 && (
                  <ul className="mt-1 ml-4 list-disc space-y-0.5 text-slate-700 dark:text-slate-300">
                    {change.fields.map((f) => (
                      <li key={f.field} className="break-words">
                        {f.field}: <del className="text-red-800 dark:text-red-300">{f.before}</del>
                        <span aria-hidden="true"> → </span>
                        <span className="sr-only"> changes to </span>
                        <ins className="text-emerald-800 no-underline dark:text-emerald-300">{f.after}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
