"use client";
// Deploy HEAD: which commit (shown, and sent back so the server can refuse if HEAD moved),
// which nixos-rebuild action, one button. Disabled while a deploy runs, with a link to it.
import Link from "next/link";
import { useActionState } from "react";
import { DEPLOY_ACTIONS } from "@/lib/deploy/actions";
import type { HeadCommit } from "@/lib/deploy/history";
import { initialActionResult, type ActionResult } from "@/lib/errors/action-result";
import { DeployResult } from "./deploy-result";
import { formatWhen } from "@/lib/format/when";
import { ACTION_DESCRIPTIONS } from "./format";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

export function DeployForm({
  action,
  head,
  runningId,
  blockedReason,
  runningSha = null,
}: {
  action: FormAction;
  head: HeadCommit | null;
  /** The deploy running right now, if any. */
  runningId: number | null;
  /** Why no deploy can start (settings, no commit); null when it can. */
  blockedReason: string | null;
  /** The commit the target says it runs: when it is HEAD, this is a redeploy and says so. */
  runningSha?: string | null;
}) {
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  const headRuns = head !== null && head.sha === runningSha;
  const disabled = pending || runningId !== null || blockedReason !== null || head === null;
  return (
    <form action={formAction} aria-labelledby="deploy-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="deploy-heading" className="text-lg font-semibold">
        {headRuns ? "Redeploy HEAD" : "Deploy HEAD"}
      </h2>
      {headRuns && (
        <p className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="head-runs">
          HEAD already runs on the target: there is nothing new to deploy. Redeploying builds and activates the same commit again.
        </p>
      )}
      {head ? (
        <div className="text-sm">
          <p>
            Commit{" "}
            <code className="rounded bg-slate-100 px-1 font-mono font-semibold dark:bg-slate-800" title={head.sha} data-testid="head-sha" data-sha={head.sha}>
              {head.shortSha}
            </code>{" "}
            <span className="font-medium">{head.subject}</span>
          </p>
          <p className="text-slate-600 dark:text-slate-400">
            {head.authorName}, {formatWhen(head.date, { seconds: true })}
          </p>
          <input type="hidden" name="commitSha" value={head.sha} />
        </div>
      ) : (
        <p className="text-sm text-slate-700 dark:text-slate-300">The homey repo has no commit yet: apply your changes first (see Changes).</p>
      )}
      <fieldset>
        <legend className="text-sm font-medium">nixos-rebuild action</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {DEPLOY_ACTIONS.map((a) => (
            <label
              key={a}
              className="flex min-h-11 cursor-pointer items-start gap-2 rounded-md border border-slate-200 p-2 text-sm has-[:checked]:border-sky-600 has-[:checked]:bg-sky-50 dark:border-slate-700 dark:has-[:checked]:bg-sky-950"
            >
              <input type="radio" name="action" value={a} defaultChecked={a === "switch"} className="mt-1" aria-describedby={`action-${a}-hint`} />
              <span>
                <span className="font-mono font-semibold">{a}</span>
                <span id={`action-${a}-hint`} className="block text-xs text-slate-600 dark:text-slate-400">
                  {ACTION_DESCRIPTIONS[a]}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex min-h-11 cursor-pointer items-start gap-2 text-sm">
        <input type="checkbox" name="preview" defaultChecked className="mt-1" aria-describedby="preview-hint" />
        <span>
          <span className="font-medium">Preview first</span>
          <span id="preview-hint" className="block text-xs text-slate-600 dark:text-slate-400">
            For a switch: build and dry-activate, show which units will stop, start, restart and reload, and switch to that build only when you confirm.
          </span>
        </span>
      </label>
      {runningId !== null && (
        <p role="status" className="rounded-md border-l-4 border-sky-600 bg-sky-50 p-3 text-sm text-sky-900 dark:bg-sky-950 dark:text-sky-100" data-testid="deploy-running-notice">
          Deploy #{runningId} is running; one deploy at a time.{" "}
          <Link href={`/deploys/${runningId}`} className="font-semibold underline">
            Watch deploy #{runningId}
          </Link>
        </p>
      )}
      {blockedReason && <p className="text-sm text-red-800 dark:text-red-300">{blockedReason}</p>}
      <button
        type="submit"
        disabled={disabled}
        className="min-h-11 w-full rounded-md bg-slate-900 px-5 py-2 font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:opacity-60 sm:w-auto dark:bg-sky-500 dark:text-slate-950"
      >
        {pending ? "Starting…" : head ? `${headRuns ? "Redeploy" : "Deploy"} ${head.shortSha}` : "Deploy"}
      </button>
      <DeployResult result={result} />
    </form>
  );
}
