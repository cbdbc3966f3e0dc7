// Deploy history, newest first: status, action, commit, who, when, how long, exit code,
// a link to each deploy's log, and "Redeploy this commit" on successful ones.
import Link from "next/link";
import type { DeployListItem } from "@/lib/deploy/history";
import type { ActionResult } from "@/lib/errors/action-result";
import { ConfirmActionForm } from "./confirm-action-form";
import { formatWhen } from "@/lib/format/when";
import { ACTION_LABELS, formatDuration } from "./format";
import { DeployStatusBadge } from "./status-badge";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

export function DeployHistoryTable({
  deploys,
  redeployAction,
  busy,
  runningSha = null,
}: {
  deploys: DeployListItem[];
  redeployAction: FormAction;
  /** A deploy is running: redeploy buttons are disabled. */
  busy: boolean;
  /** The commit the target says it runs: its newest activating deploy is marked "runs now". */
  runningSha?: string | null;
}) {
  const runsNowId = runningSha
    ? deploys.find((d) => d.commitSha === runningSha && ["switch", "test", "rollback"].includes(d.action) && ["succeeded", "units_failed"].includes(d.status))?.id ?? null
    : null;
  if (deploys.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">
        No deploys yet. Deploy HEAD above to put the committed configuration on homey.
      </div>
    );
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm" data-testid="deploy-history">
        <caption className="sr-only">Deploy history, newest first</caption>
        <thead className="bg-slate-100 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Deploy
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Status
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Action
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Commit
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Who
            </th>
            <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">
              Started
            </th>
            <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">
              Duration
            </th>
            <th scope="col" className="hidden px-3 py-2 font-semibold md:table-cell">
              Exit code
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deploys.map((d) => (
            <tr key={d.id} className="border-t border-slate-200 dark:border-slate-800" data-testid={`deploy-row-${d.id}`}>
              <td className="px-3 py-2 align-top">
                <Link href={`/deploys/${d.id}`} className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                  #{d.id}
                  <span className="sr-only"> {d.status === "running" ? "(watch live)" : "(log)"}</span>
                </Link>
              </td>
              <td className="px-3 py-2 align-top">
                <DeployStatusBadge status={d.status} />
              </td>
              <td className="px-3 py-2 align-top font-mono text-xs">{ACTION_LABELS[d.action] ?? d.action}</td>
              <td className="px-3 py-2 align-top">
                {d.commitSha ? (
                  <>
                    <Link href={`/commits/${d.commitSha}`} className="text-sky-700 underline dark:text-sky-400" title={`Commit ${d.commitSha}`}>
                      <code className="font-mono">{d.shortSha}</code>
                    </Link>
                    {d.id === runsNowId && (
                      <span className="ml-2 rounded-full bg-emerald-100 px-2 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" data-testid="runs-now">
                        runs now
                      </span>
                    )}
                  </>
                ) : (
                  <span className="text-slate-500" title="A rollback to a generation homey-admin did not record">
                    unknown
                  </span>
                )}
              </td>
              <td className="px-3 py-2 align-top">{d.actor}</td>
              <td className="hidden px-3 py-2 align-top whitespace-nowrap md:table-cell">
                <time dateTime={d.startedAt}>{formatWhen(d.startedAt, { seconds: true })}</time>
              </td>
              <td className="hidden px-3 py-2 align-top whitespace-nowrap md:table-cell">{d.status === "running" ? "running…" : formatDuration(d.durationMs)}</td>
              <td className="hidden px-3 py-2 align-top font-mono md:table-cell">{d.exitCode ?? "—"}</td>
              <td className="px-3 py-2 align-top">
                {d.status === "succeeded" && d.commitSha ? (
                  <ConfirmActionForm
                    action={redeployAction}
                    buttonLabel="Redeploy this commit"
                    title={`Redeploy ${d.shortSha}?`}
                    confirmLabel={`Switch to ${d.shortSha}`}
                    hidden={{ deployId: String(d.id) }}
                    disabled={busy}
                    small
                  >
                    <p>
                      homey-admin runs <code className="font-mono">nixos-rebuild switch</code> for commit <code className="font-mono">{d.commitSha}</code>{" "}
                      (deployed by {d.actor} in #{d.id}). The system switches to that configuration now, whatever HEAD is.
                    </p>
                  </ConfirmActionForm>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
