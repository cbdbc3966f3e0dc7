// A deploy's status as a coloured pill; the label carries the meaning, the colour repeats it.
import { DEPLOY_STATUS_LABELS, type DeployStatus } from "@/lib/deploy/status";
import { statusTone, type StatusTone } from "./format";

const TONES: Record<StatusTone, string> = {
  running: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  ok: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  bad: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
  stopped: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
};

export function DeployStatusBadge({ status, testId }: { status: DeployStatus; testId?: string }) {
  const tone = statusTone(status);
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-semibold whitespace-nowrap ${TONES[tone]}`}
    >
      <span
        aria-hidden="true"
        className={`h-2 w-2 rounded-full ${
          tone === "running" ? "animate-pulse bg-sky-600" : tone === "ok" ? "bg-emerald-600" : tone === "bad" ? "bg-red-600" : "bg-amber-600"
        }`}
      />
      {DEPLOY_STATUS_LABELS[status]}
    </span>
  );
}
