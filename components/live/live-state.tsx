// A service's live state (from homey's Prometheus) as a dot plus its word, and the one line a
// page shows when Prometheus did not answer. No hooks: server pages and client rows use it.
import type { LiveState, LiveView, ServiceLive } from "@/lib/live/types";

const DOT: Record<LiveState, string> = {
  active: "bg-emerald-600 dark:bg-emerald-400",
  failed: "bg-red-600 dark:bg-red-400",
  inactive: "bg-slate-400 dark:bg-slate-500",
  unknown: "border border-slate-500 bg-transparent dark:border-slate-400",
};

const WORD: Record<LiveState, string> = {
  active: "text-emerald-800 dark:text-emerald-300",
  failed: "text-red-800 dark:text-red-300",
  inactive: "text-slate-700 dark:text-slate-300",
  unknown: "text-slate-600 dark:text-slate-400",
};

/** "● active": the word carries the meaning, the dot repeats it. `compact` shows the dot only (with a label for screen readers). */
export function LiveStateMark({ live, compact = false }: { live: ServiceLive | undefined; compact?: boolean }) {
  const state = live?.state ?? "unknown";
  const down = live?.monitors.filter((m) => m.state !== "up") ?? [];
  const title = live ? `${live.unit}: ${state}${live.monitors.map((m) => `; monitor ${m.name} ${m.state}`).join("")}` : "not known";
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap text-xs" title={title} data-testid="live-state" data-live={state}>
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 shrink-0 rounded-full ${DOT[state]}`} />
      <span className={compact ? "sr-only" : `font-semibold ${WORD[state]}`}>{compact ? `live: ${state}` : state}</span>
      {!compact && down.length > 0 && <span className="font-semibold text-red-800 dark:text-red-300">· monitor {down.map((m) => `${m.name} ${m.state}`).join(", ")}</span>}
    </span>
  );
}

/** One line when Prometheus did not answer; nothing when it did. */
export function LiveUnavailable({ view }: { view: LiveView }) {
  if (view.available) return null;
  return (
    // One line at any width (truncated on a phone); the whole message is the title.
    <p className="relative truncate text-xs text-slate-600 sm:text-sm dark:text-slate-400" data-testid="live-unavailable" title={view.message}>
      {view.message}
    </p>
  );
}

export const liveOf = (view: LiveView, name: string): ServiceLive | undefined => (view.available ? view.services[name] : undefined);
