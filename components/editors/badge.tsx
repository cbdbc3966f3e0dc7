const TONES = {
  slate: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  green: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  sky: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  amber: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  red: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  violet: "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100",
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short label in a coloured pill; the text carries the meaning, the colour only repeats it. */
export function Badge({ tone = "slate", children, title }: { tone?: BadgeTone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${TONES[tone]}`}>
      {children}
    </span>
  );
}

/** A padlock for protected services. */
export function LockBadge() {
  return (
    <Badge tone="violet" title="Protected: cannot be deleted from the dashboard">
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3 w-3" fill="currentColor">
        <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 6H6V4.5a2 2 0 1 1 4 0V7Z" />
      </svg>
      protected
    </Badge>
  );
}

/** A warning line: an icon, then the text (the icon is decoration; the text says it). */
export function WarningText({ children }: { children: React.ReactNode }) {
  return (
    <span className="flex items-start gap-1 text-xs text-amber-800 dark:text-amber-300">
      <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 h-3.5 w-3.5 shrink-0" fill="currentColor">
        <path d="M8.9 1.6a1 1 0 0 0-1.8 0L.6 13.5A1 1 0 0 0 1.5 15h13a1 1 0 0 0 .9-1.5L8.9 1.6ZM8 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 8 5Zm0 7.5a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z" />
      </svg>
      <span>
        <span className="sr-only">Warning: </span>
        {children}
      </span>
    </span>
  );
}
