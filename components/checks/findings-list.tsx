// The checker's findings for the whole draft, errors first, each with a link to the editor
// of the row it is about. A server component: the page computes the findings.
import Link from "next/link";
import type { Finding } from "@/lib/checks";
import { Badge } from "@/components/editors/badge";

export interface FindingItem {
  finding: Finding;
  /** The editor of the row, or the area's list for a finding about something missing. */
  href: string;
  label: string;
}

const TONE = { error: "red", warning: "amber", info: "sky" } as const;

export function FindingsList({ items, id }: { items: FindingItem[]; id?: string }) {
  if (items.length === 0) return null;
  return (
    <ul id={id} className="space-y-2" data-testid="findings-list">
      {items.map(({ finding: f, href, label }, i) => (
        <li key={`${f.code}-${f.entityId}-${i}`} className="text-sm" data-finding-code={f.code} data-severity={f.severity}>
          <Badge tone={TONE[f.severity]}>{f.severity}</Badge> <span className="font-mono text-xs">{f.code}</span>
          <p className="mt-0.5">{f.message}</p>
          {f.fix && <p className="text-slate-600 dark:text-slate-400">Fix: {f.fix}</p>}
          <Link href={href} className="inline-flex min-h-11 items-center font-medium text-sky-700 underline dark:text-sky-400">
            {label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** "1 error, 3 warnings" — or "No findings". */
export function countFindings(findings: readonly Finding[]): string {
  const n = (severity: Finding["severity"]) => findings.filter((f) => f.severity === severity).length;
  const parts = [
    [n("error"), "error"],
    [n("warning"), "warning"],
    [n("info"), "note"],
  ]
    .filter(([count]) => Number(count) > 0)
    .map(([count, word]) => `${count} ${word}${count === 1 ? "" : "s"}`);
  return parts.length ? parts.join(", ") : "No findings";
}
