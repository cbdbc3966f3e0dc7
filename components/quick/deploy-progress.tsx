// A deploy in three lines: status and phase, a bar of derivations built, the last log line —
// then the outcome, with the error up front on a failure. The full view is /deploys/<id>.
import Link from "next/link";
import { DeployStatusBadge } from "@/components/deploy/status-badge";
import type { DeployPhase } from "@/lib/deploy/internal-json";
import { DEPLOY_STATUS_LABELS } from "@/lib/deploy/status";
import type { DeployEvents } from "./use-deploy-events";

const PHASE_LABELS: Record<DeployPhase, string> = {
  evaluating: "Evaluating",
  building: "Building",
  copying: "Copying",
  activating: "Activating",
  done: "Done",
};

const CONNECTION_TEXT: Partial<Record<DeployEvents["connection"], string>> = {
  connecting: "connecting…",
  reconnecting: "connection lost, reconnecting…",
  failed: "cannot reach the server; open the full log",
};

export function CompactDeployProgress({ live, shortSha, onDismiss }: { live: DeployEvents; shortSha: string | null; onDismiss?: () => void }) {
  const { deployId, status, progress } = live;
  const running = status === "running";
  const derivations = progress?.derivations;
  const percent =
    derivations && derivations.expected > 0
      ? Math.round((100 * derivations.done) / derivations.expected)
      : status === "succeeded"
        ? 100
        : 0;
  const failedBar = status !== "running" && status !== "succeeded";
  const logHref = `/deploys/${deployId}`;
  const what = `Deploy #${deployId}${shortSha ? ` of ${shortSha}` : ""}`;

  return (
    <div className="space-y-2" data-testid="quick-deploy" data-deploy-id={deployId} data-status={status}>
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 text-sm">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">{what}</span>
          <DeployStatusBadge status={status} />
          {running && progress && <span data-testid="quick-deploy-phase">{PHASE_LABELS[progress.phase]}</span>}
          {CONNECTION_TEXT[live.connection] && <span className="text-slate-600 dark:text-slate-400">{CONNECTION_TEXT[live.connection]}</span>}
        </p>
        <span className="flex items-center gap-1">
          <Link href={logHref} className="inline-flex min-h-11 items-center px-1 font-medium text-sky-800 underline dark:text-sky-300">
            Full log
          </Link>
          {onDismiss && !running && (
            <button
              type="button"
              onClick={onDismiss}
              className="inline-flex min-h-11 items-center rounded-md px-3 font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              Dismiss
            </button>
          )}
        </span>
      </div>
      {(running || status === "succeeded") && (
        <div>
          <div
            role="progressbar"
            aria-label={`${what}: derivations built`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={derivations ? `${derivations.done} of ${derivations.expected} derivations built` : running ? "waiting for Nix" : "done"}
            className="h-2.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
            data-testid="quick-deploy-bar"
          >
            <div className={`h-full rounded-full transition-[width] duration-300 ${failedBar ? "bg-red-600" : "bg-sky-600"}`} style={{ width: `${percent}%` }} />
          </div>
          {derivations && (
            <p className="mt-0.5 font-mono text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="quick-deploy-derivations">
              {derivations.done} / {derivations.expected} derivations
            </p>
          )}
        </div>
      )}
      {running && live.lastLine && (
        <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={live.lastLine} data-testid="quick-deploy-last-line">
          {live.lastLine}
        </p>
      )}
      {!running && <Outcome live={live} what={what} logHref={logHref} />}
    </div>
  );
}

function Outcome({ live, what, logHref }: { live: DeployEvents; what: string; logHref: string }) {
  if (live.status === "succeeded") {
    return (
      <p role="status" className="rounded-md border-l-4 border-emerald-600 bg-emerald-50 p-2 text-sm font-medium text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" data-testid="quick-deploy-result">
        {what} succeeded: homey runs it now.
      </p>
    );
  }
  const nixError = live.progress?.errors[0];
  return (
    <div role="alert" className="space-y-1 rounded-md border-l-4 border-red-600 bg-red-50 p-2 text-sm text-red-950 dark:bg-red-950 dark:text-red-50" data-testid="quick-deploy-result">
      <p className="font-medium">
        {what} {live.status === "failed" ? "failed" : `ended: ${DEPLOY_STATUS_LABELS[live.status]}`}
        {live.exitCode !== null ? ` (exit code ${live.exitCode})` : ""}. The commit is kept; read the log before trying again.
      </p>
      {live.error && <p className="break-words">{live.error}</p>}
      {nixError && (
        <pre className="max-h-40 overflow-auto rounded bg-white/70 p-2 font-mono text-xs break-words whitespace-pre-wrap dark:bg-black/30" data-testid="quick-deploy-nix-error">
          {nixError}
        </pre>
      )}
      <p>
        <Link href={logHref} className="font-semibold underline">
          See the full log of {what.replace(/ of .*/, "")}
        </Link>
      </p>
    </div>
  );
}
