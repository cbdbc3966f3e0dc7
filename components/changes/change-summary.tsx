// What the admin changed, per area, in the words of the forms; each row links to its editor.
// A first-run import (nothing generated at HEAD yet) is one expandable group, not a row per item.
import Link from "next/link";
import type { ChangeSummary as Summary } from "@/lib/changes/pending";
import { initialImportTitle } from "@/lib/changes/change-links";
import type { AreaKey, AreaSummary, ItemChange } from "@/lib/changes/summary";

const KIND_STYLE: Record<ItemChange["kind"], string> = {
  added: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  removed: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  changed: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};

/** The editor of the row a change is about (null: none to link to). */
export type ChangeHref = (area: AreaKey, change: ItemChange) => string | null;

export function ChangeSummary({ summary, filesChanged, hrefOf = () => null }: { summary: Summary; filesChanged: boolean; hrefOf?: ChangeHref }) {
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
  const areas = <AreaCards areas={summary.areas} hrefOf={hrefOf} />;
  if (!summary.headHadFiles) {
    return (
      <details className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" data-testid="change-summary">
        <summary className="flex min-h-11 cursor-pointer items-center px-4 py-2 font-semibold" data-testid="initial-import">
          {initialImportTitle(summary.areas)}
        </summary>
        <div className="space-y-3 border-t border-slate-200 p-4 dark:border-slate-800">
          <p className="text-sm text-slate-600 dark:text-slate-400">The last commit has no generated files yet, so everything is new.</p>
          {areas}
        </div>
      </details>
    );
  }
  return <div data-testid="change-summary">{areas}</div>;
}

function AreaCards({ areas, hrefOf }: { areas: AreaSummary[]; hrefOf: ChangeHref }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {areas.map((area) => (
        <section
          key={area.area}
          aria-labelledby={`area-${area.area}`}
          className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h3 id={`area-${area.area}`} className="font-semibold">
            {area.title} <span className="text-sm font-normal text-slate-500">({area.changes.length})</span>
          </h3>
          <ul className="mt-2 space-y-2 text-sm">
            {area.changes.map((change, i) => {
              const href = hrefOf(area.area, change);
              return (
                <li key={`${change.kind}-${change.label}-${i}`}>
                  <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${KIND_STYLE[change.kind]}`}>{change.kind}</span>
                  {href ? (
                    <Link href={href} className="font-medium break-words underline underline-offset-2">
                      {change.label}
                    </Link>
                  ) : (
                    <span className="font-medium break-words">{change.label}</span>
                  )}
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
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
