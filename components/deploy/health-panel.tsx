// A deploy's health gate: the verdict with each probe, what was done about an unhealthy one
// (rolled back, kept, failed), and — when the policy asks — the choice between "Roll back"
// and "Keep". Both buttons confirm in a dialog; the actions are the page's.
import Link from "next/link";
import type { ActionResult } from "@/lib/errors/action-result";
import type { DeployHealthView } from "@/lib/rollout/health-view";
import { ConfirmActionForm } from "./confirm-action-form";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

const DECISION_LABEL: Record<NonNullable<DeployHealthView["decision"]>, string> = {
  pending: "waiting for your decision",
  rolled_back: "rolled back",
  kept: "kept",
  rollback_failed: "rollback failed",
};

export function HealthPanel({ health, rollbackAction, keepAction }: { health: DeployHealthView; rollbackAction: FormAction; keepAction: FormAction }) {
  const bad = health.verdict === "unhealthy";
  return (
    <section
      aria-labelledby="health-heading"
      data-testid="health-panel"
      data-verdict={health.verdict}
      className={`space-y-3 rounded-lg border p-4 ${bad ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950" : "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950"}`}
    >
      <h2 id="health-heading" className="text-lg font-semibold">
        Health check: {health.verdict}
        {health.decision ? <span data-testid="health-decision"> · {DECISION_LABEL[health.decision]}</span> : null}
      </h2>
      <p className="text-sm" data-testid="health-summary">
        {health.summary}
      </p>
      {health.probes.length > 0 ? (
        <ul className="space-y-1 text-sm">
          {health.probes.map((p) => (
            <li key={p.monitor} className="break-words">
              <span className={`font-semibold ${p.ok ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>{p.ok ? "ok" : "failed"}</span>{" "}
              {p.monitor} <span className="text-slate-600 dark:text-slate-400">({p.why})</span>: {p.reason}
              {p.attempts > 1 ? ` after ${p.attempts} attempts` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {health.failedUnits.length > 0 ? <p className="text-sm">Failed units: {health.failedUnits.join(", ")}</p> : null}
      {health.note ? (
        <p className="text-sm" data-testid="health-note">
          {health.note}
          {health.rolledBackBy ? (
            <>
              {" "}
              <Link href={`/deploys/${health.rolledBackBy}`} className="text-sky-700 underline dark:text-sky-400">
                See the rollback (deploy #{health.rolledBackBy})
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      {health.awaitingDecision ? (
        <div className="flex flex-wrap gap-3">
          <ConfirmActionForm action={rollbackAction} buttonLabel="Roll back" title="Roll back this deploy?" confirmLabel="Roll back" danger testId="health-rollback-result">
            <p>The target switches back to the previous generation (no build). Then a revert commit puts the repo back as that generation was built, and the draft is reset to it, so the next deploy does not re-apply this change.</p>
          </ConfirmActionForm>
          <ConfirmActionForm action={keepAction} buttonLabel="Keep" title="Keep this deploy?" confirmLabel="Keep it" pendingLabel="Saving…" doneLabel="Kept" testId="health-keep-result">
            <p>The system stays as it is, although the health check failed. Your decision is recorded in the history.</p>
          </ConfirmActionForm>
        </div>
      ) : null}
    </section>
  );
}
