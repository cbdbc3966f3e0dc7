// The pending page's summary (lib/changes/summary), compact for a phone: one line per change,
// a few per area, the rest counted.
import type { ChangeSummary } from "@/lib/changes/pending";
import type { ItemChange } from "@/lib/changes/summary";

const PER_AREA = 6;

const KIND_MARK: Record<ItemChange["kind"], { sign: string; tone: string }> = {
  added: { sign: "+", tone: "text-emerald-800 dark:text-emerald-300" },
  removed: { sign: "−", tone: "text-red-800 dark:text-red-300" },
  changed: { sign: "~", tone: "text-amber-800 dark:text-amber-300" },
};

function changeText(change: ItemChange): string {
  if (change.kind === "changed") {
    // "eurovote: enabled → disabled" rather than "enabled enabled → disabled".
    const fields = change.fields.map((f) => (f.field === "enabled" ? `${f.before} → ${f.after}` : `${f.field} ${f.before} → ${f.after}`));
    return `${change.label}: ${fields.join("; ")}`;
  }
  return `${change.kind} ${change.label}${change.detail ? ` (${change.detail})` : ""}`;
}

export function CompactSummary({ summary, files }: { summary: ChangeSummary; files: string[] }) {
  if (summary.status === "unavailable" || summary.areas.length === 0) {
    return (
      <div className="text-sm" data-testid="compact-summary">
        <p>{summary.status === "unavailable" ? summary.reason : "No setting changes; only the files' formatting differs."}</p>
        {files.length > 0 && (
          <ul className="mt-1 list-disc pl-5 font-mono text-xs">
            {files.map((f) => (
              <li key={f} className="break-all">
                {f}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div className="space-y-2 text-sm" data-testid="compact-summary">
      {!summary.headHadFiles && <p className="text-slate-600 dark:text-slate-400">The last commit has no generated files yet, so everything is new.</p>}
      {summary.areas.map((area) => {
        const shown = area.changes.slice(0, PER_AREA);
        const more = area.changes.length - shown.length;
        return (
          <section key={area.area} aria-label={area.title}>
            <h3 className="font-semibold">
              {area.title} <span className="font-normal text-slate-600 dark:text-slate-400">({area.changes.length})</span>
            </h3>
            <ul className="mt-0.5 space-y-0.5">
              {shown.map((change, i) => (
                <li key={`${change.kind}-${change.label}-${i}`} className="flex gap-1.5 break-words">
                  <span aria-hidden="true" className={`w-3 shrink-0 font-bold ${KIND_MARK[change.kind].tone}`}>
                    {KIND_MARK[change.kind].sign}
                  </span>
                  <span className="min-w-0">{changeText(change)}</span>
                </li>
              ))}
              {more > 0 && <li className="pl-4 text-slate-600 dark:text-slate-400">and {more} more (see Changes)</li>}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
