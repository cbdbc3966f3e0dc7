// For the overview: the last deploy and whether the running system is behind HEAD.
// A server component; takes lastDeploySummary() (lib/deploy/history.ts) as props.
import Link from "next/link";
import type { LastDeploySummary } from "@/lib/deploy/history";
import { formatWhen } from "@/lib/format/when";
import { ACTION_LABELS } from "./format";
import { DeployStatusBadge } from "./status-badge";

/**
 * runningSha: what the target itself says it runs (lib/status/where-now.ts), when it said. When
 * that is not homey-admin's last activation (a hand deploy), the app's history cannot tell
 * whether the system is behind HEAD, so the card says what runs instead of guessing from it.
 */
export function LastDeployCard({ summary, runningSha = null }: { summary: LastDeploySummary; runningSha?: string | null }) {
  const { last, deployed, head } = summary;
  const outsideApp = runningSha !== null && !!deployed?.commitSha && runningSha !== deployed.commitSha;
  const behind = outsideApp ? null : summary.behind;
  return (
    <section
      aria-labelledby="last-deploy-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      data-testid="last-deploy-card"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="last-deploy-heading" className="text-lg font-semibold">
          Last deploy
        </h2>
        <Link href="/deploys" className="text-sm text-sky-700 underline dark:text-sky-400">
          Deploys
        </Link>
      </div>
      {last ? (
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <Link href={`/deploys/${last.id}`} className="font-medium text-sky-700 underline dark:text-sky-400">
            #{last.id}
          </Link>
          <DeployStatusBadge status={last.status} />
          <span className="font-mono text-xs">{ACTION_LABELS[last.action] ?? last.action}</span>
          {last.commitSha && (
            <code className="font-mono" title={last.commitSha}>
              {last.shortSha}
            </code>
          )}
          <span className="text-slate-600 dark:text-slate-400">
            by {last.actor}, <time dateTime={last.startedAt}>{formatWhen(last.startedAt, { seconds: true })}</time>
          </span>
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No deploy from homey-admin yet.</p>
      )}
      <p className="mt-3 text-sm" data-testid="behind-head" data-behind={outsideApp ? "outside-app" : behind === null ? "unknown" : String(behind)}>
        {outsideApp && (
          <span className="font-medium text-amber-800 dark:text-amber-300">
            The target runs{" "}
            <code className="font-mono" title={runningSha}>
              {runningSha.slice(0, 7)}
            </code>
            , not homey-admin&apos;s last deploy (
            <code className="font-mono" title={deployed.commitSha}>
              {deployed.shortSha}
            </code>
            ): it was switched outside the app.
          </span>
        )}
        {behind === true && head && (
          <span className="font-medium text-amber-800 dark:text-amber-300">
            The running system is behind HEAD: it runs{" "}
            <code className="font-mono" title={deployed?.commitSha}>
              {deployed?.shortSha}
            </code>
            , HEAD is{" "}
            <code className="font-mono" title={head.sha}>
              {head.shortSha}
            </code>{" "}
            ({head.subject}). <Link href="/deploys" className="underline">Deploy it</Link>.
          </span>
        )}
        {behind === false && head && (
          <span className="text-emerald-800 dark:text-emerald-300">
            The running system is up to date with HEAD (<code className="font-mono">{head.shortSha}</code>).
          </span>
        )}
        {behind === null && !outsideApp && (
          <span className="text-slate-600 dark:text-slate-400">
            {!head
              ? "The homey repo has no commit yet."
              : deployed && !deployed.commitSha
                ? "The last activation was a rollback to a generation whose commit homey-admin did not record: whether the system runs HEAD is unknown."
                : `Nothing has been activated by homey-admin yet, so what runs on the Pi is unknown. HEAD is ${head.shortSha}.`}
          </span>
        )}
      </p>
    </section>
  );
}
