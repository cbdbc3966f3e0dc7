// The timeline as sentences: "<actor> disabled eurovote", the named row linked to its editor
// or deploy, a small before → after table for changed fields. `compact` (the overview): the
// sentence and the time only. No hooks: a server component.
import Link from "next/link";
import type { TimelineEntry } from "@/lib/audit/describe";
import { formatWhen } from "@/lib/format/when";

export interface TimelineItem {
  entry: TimelineEntry;
  /** Where the entry's label links; null when the row is gone or there is nothing to open. */
  href: string | null;
}

const TONE: Record<TimelineEntry["tone"], string> = {
  neutral: "border-slate-200 dark:border-slate-800",
  good: "border-l-4 border-emerald-600 border-y-slate-200 border-r-slate-200 dark:border-y-slate-800 dark:border-r-slate-800",
  bad: "border-l-4 border-red-600 border-y-slate-200 border-r-slate-200 dark:border-y-slate-800 dark:border-r-slate-800",
};

function Sentence({ entry, href }: TimelineItem) {
  const at = entry.label ? entry.text.indexOf(entry.label) : -1;
  if (!href || !entry.label || at < 0) return <>{entry.text}</>;
  return (
    <>
      {entry.text.slice(0, at)}
      <Link href={href} className="font-medium text-sky-800 underline dark:text-sky-300">
        {entry.label}
      </Link>
      {entry.text.slice(at + entry.label.length)}
    </>
  );
}

function FieldTable({ entry }: { entry: TimelineEntry }) {
  const hasBefore = entry.fields.some((f) => f.before !== null);
  const hasAfter = entry.fields.some((f) => f.after !== null);
  return (
    <table className="mt-2 w-full max-w-xl table-fixed text-left text-xs" data-testid="audit-fields">
      <caption className="sr-only">{hasBefore && hasAfter ? "Changed fields, before and after" : "Values"}</caption>
      <thead className="text-slate-600 dark:text-slate-400">
        <tr>
          <th scope="col" className="w-1/4 py-0.5 pr-2 font-medium">Field</th>
          {hasBefore && <th scope="col" className="py-0.5 pr-2 font-medium">{hasAfter ? "Before" : "Was"}</th>}
          {hasAfter && <th scope="col" className="py-0.5 font-medium">{hasBefore ? "After" : "Value"}</th>}
        </tr>
      </thead>
      <tbody className="font-mono">
        {entry.fields.map((f) => (
          <tr key={f.field} className="border-t border-slate-100 align-top dark:border-slate-800">
            <th scope="row" className="py-0.5 pr-2 font-sans font-medium break-words">{f.field}</th>
            {hasBefore && <td className="py-0.5 pr-2 break-all text-red-800 dark:text-red-300">{f.before ?? ""}</td>}
            {hasAfter && <td className="py-0.5 break-all text-emerald-800 dark:text-emerald-300">{f.after ?? ""}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A change shows its table; an added or removed row folds its values away (the sentence names it). */
function Fields({ entry }: { entry: TimelineEntry }) {
  const changed = entry.fields.some((f) => f.before !== null) && entry.fields.some((f) => f.after !== null);
  if (changed) return <FieldTable entry={entry} />;
  return (
    <details className="mt-1">
      <summary className="inline-flex min-h-6 cursor-pointer items-center text-xs text-slate-600 dark:text-slate-400">All values</summary>
      <FieldTable entry={entry} />
    </details>
  );
}

export function TimelineList({ items, compact = false }: { items: TimelineItem[]; compact?: boolean }) {
  if (items.length === 0) return <p className="mt-3 text-slate-600 dark:text-slate-400">Nothing recorded yet.</p>;
  return (
    <ol className={compact ? "mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" : "mt-3 space-y-2"} data-testid="timeline">
      {items.map((item) => (
        <li
          key={item.entry.key}
          data-testid="timeline-entry"
          data-kind={item.entry.target?.kind ?? "other"}
          className={compact ? "px-3 py-2 text-sm" : `rounded-md border bg-white p-3 text-sm dark:bg-slate-900 ${TONE[item.entry.tone]}`}
        >
          <p className="break-words">
            <strong>{item.entry.actor}</strong> <Sentence {...item} />{" "}
            <time className="whitespace-nowrap text-slate-600 dark:text-slate-400" dateTime={item.entry.at.toISOString()}>
              {formatWhen(item.entry.at, compact ? {} : { seconds: true })}
            </time>
          </p>
          {!compact && item.entry.fields.length > 0 && <Fields entry={item.entry} />}
        </li>
      ))}
    </ol>
  );
}
