"use client";
// One button: Apply & deploy. It says what is pending (or that nothing is, and is then
// disabled), shows the compact summary in a dialog and asks once, then follows the deploy
// it started — or the one already running when the page was opened — until its result.
// Plain hooks only: in the browser this runs on Preact (see service-toggles.tsx).
import { useRef, useState } from "react";
import { DeployResult } from "@/components/deploy/deploy-result";
import { initialActionResult, type ActionResult } from "@/lib/errors/action-result";
import type { QuickPending } from "@/lib/quick/quick-toggle";
import { useQuickBusy } from "./busy-context";
import { CompactSummary } from "./compact-summary";
import { CompactDeployProgress } from "./deploy-progress";
import { useDeployEvents } from "./use-deploy-events";

/** Commits (when the draft moved) and starts the deploy of exactly the confirmed state. */
export type ApplyDeployAction = (fingerprint: string) => Promise<ActionResult>;

interface Watched {
  id: number;
  shortSha: string | null;
}

function countChanges(pending: Extract<QuickPending, { status: "ok" }>): number {
  return pending.summary.status === "ok" && pending.summary.areas.length > 0
    ? pending.summary.areas.reduce((n, a) => n + a.changes.length, 0)
    : pending.files.length;
}

/** The line above the button, and why the button is disabled (null: it is not). */
function describe(pending: QuickPending, deployProblem: string | null, deploying: boolean, busy: boolean): { line: string; disabledLabel: string | null } {
  if (pending.status === "unavailable") return { line: `The pending changes cannot be computed: ${pending.reason}`, disabledLabel: "Cannot apply" };
  if (deploying) return { line: "A deploy is running; wait for its result.", disabledLabel: "Deploying…" };
  if (busy) return { line: "Saving your change…", disabledLabel: "Saving…" };
  if (!pending.toDeploy) {
    const where = pending.head ? ` (${pending.head.shortSha})` : "";
    return { line: `The draft is committed and running${where}.`, disabledLabel: "Nothing to apply" };
  }
  if (deployProblem) return { line: `Deploy settings need fixing first (see Deploys): ${deployProblem}`, disabledLabel: "Cannot deploy" };
  if (pending.blockedReason) return { line: pending.blockedReason, disabledLabel: "Cannot apply" };
  if (pending.toCommit) {
    const n = countChanges(pending);
    return { line: `${n} change${n === 1 ? "" : "s"} to commit and deploy.`, disabledLabel: null };
  }
  return {
    line: pending.head ? `Nothing to commit; the last commit ${pending.head.shortSha} is not running yet.` : "Nothing to commit.",
    disabledLabel: null,
  };
}

export function ApplyDeployPanel({
  pending,
  deployProblem,
  runningDeployId,
  action,
  onDeployEnded,
}: {
  pending: QuickPending;
  deployProblem: string | null;
  /** The deploy running when the page was rendered (the runner's word). */
  runningDeployId: number | null;
  action: ApplyDeployAction;
  /** The deployed column and what is pending changed: the page reads them again. */
  onDeployEnded: () => void;
}) {
  const { busy } = useQuickBusy();
  const dialog = useRef<HTMLDialogElement>(null);
  const [watched, setWatched] = useState<Watched | null>(runningDeployId === null ? null : { id: runningDeployId, shortSha: null });
  const [ended, setEnded] = useState<ReadonlySet<number>>(() => new Set());

  // A deploy started elsewhere (another tab, Deploys) shows here too once the page refreshes.
  const [seenRunning, setSeenRunning] = useState(runningDeployId);
  if (runningDeployId !== seenRunning) {
    setSeenRunning(runningDeployId);
    if (runningDeployId !== null && runningDeployId !== watched?.id) setWatched({ id: runningDeployId, shortSha: null });
  }

  const [result, setResult] = useState<ActionResult>(initialActionResult);
  const [applying, setApplying] = useState(false);
  const apply = async (fingerprint: string) => {
    setApplying(true);
    let next: ActionResult;
    try {
      next = await action(fingerprint);
    } catch {
      next = { ok: false, message: "The server could not be reached, so whether the commit and deploy started is not known. Reload to see where things stand." };
    }
    dialog.current?.close();
    const deployId = next.details?.deployId;
    if (next.ok && typeof deployId === "number") {
      setWatched({ id: deployId, shortSha: typeof next.details?.shortSha === "string" ? next.details.shortSha : null });
    }
    setResult(next);
    setApplying(false);
  };

  // watched is always the latest running deploy (started here, or the runner's when rendered).
  const deploying = applying || (watched !== null && !ended.has(watched.id));
  const { line, disabledLabel } = describe(pending, deployProblem, deploying, busy);
  const ok = pending.status === "ok" ? pending : null;

  return (
    <>
      <section
        aria-labelledby="apply-deploy-heading"
        className="sticky bottom-[calc(4.25rem+env(safe-area-inset-bottom))] z-10 lg:bottom-2 space-y-3 rounded-lg border border-slate-300 bg-white/95 p-3 shadow-lg backdrop-blur sm:p-4 dark:border-slate-700 dark:bg-slate-900/95"
      >
        <h2 id="apply-deploy-heading" className="sr-only">
          Apply and deploy
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          {/* While a deploy runs, the button's label and the progress below say it all. */}
          {!deploying && (
            <p className="min-w-0 flex-1 basis-48 text-sm" data-testid="apply-deploy-line" id="apply-deploy-line">
              {line}
            </p>
          )}
          <button
            type="button"
            onClick={() => dialog.current?.showModal()}
            disabled={disabledLabel !== null}
            aria-describedby={deploying ? undefined : "apply-deploy-line"}
            className="min-h-11 w-full rounded-md bg-slate-900 px-5 py-2 font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-slate-300 disabled:text-slate-800 sm:w-auto dark:bg-sky-500 dark:text-slate-950 dark:focus-visible:ring-offset-slate-900 dark:disabled:bg-slate-700 dark:disabled:text-slate-200"
          >
            {disabledLabel ?? "Apply & deploy"}
          </button>
        </div>
        {!result.ok && <DeployResult result={result} testId="apply-deploy-error" />}
        {watched && (
          <WatchedDeploy
            key={watched.id}
            watched={watched}
            onEnd={() => {
              setEnded((s) => new Set(s).add(watched.id));
              onDeployEnded();
            }}
            onDismiss={ended.has(watched.id) ? () => setWatched(null) : undefined}
          />
        )}
      </section>

      <dialog
        ref={dialog}
        aria-labelledby="apply-deploy-title"
        className="m-auto max-h-[85dvh] w-[calc(100%-2rem)] max-w-lg overflow-y-auto rounded-lg p-4 backdrop:bg-slate-900/60 sm:p-6 dark:bg-slate-900 dark:text-slate-100"
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (ok && !applying) void apply(ok.fingerprint);
          }}
          className="space-y-3"
        >
          <h2 id="apply-deploy-title" className="text-lg font-bold">
            Apply & deploy?
          </h2>
          {ok?.toCommit && (
            <>
              <p className="text-sm">Commits these changes to the homey repo, then switches homey to the new commit:</p>
              <CompactSummary summary={ok.summary} files={ok.files} />
            </>
          )}
          {ok && !ok.toCommit && ok.head && (
            <p className="text-sm">
              Nothing to commit. Switches homey to the last commit <code className="font-mono">{ok.head.shortSha}</code> “{ok.head.subject}”.
            </p>
          )}
          {ok?.setupNeeded && (
            <p className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-2 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100">
              The homey repo&apos;s flake.nix does not import the generated files yet (see Changes): until it does, what is committed here may not
              reach the system.
            </p>
          )}
          <p className="text-sm text-slate-600 dark:text-slate-400">The build runs on the Pi; you can leave this page and follow it under Deploys.</p>
          <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
            <button
              type="button"
              onClick={() => dialog.current?.close()}
              className="min-h-11 rounded-md px-4 py-2 font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              Cancel
            </button>
            <button
              type="submit"
              disabled={applying}
              className="min-h-11 rounded-md bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60 dark:bg-sky-500 dark:text-slate-950"
            >
              {applying ? "Starting…" : ok && !ok.toCommit && ok.head ? `Deploy ${ok.head.shortSha}` : "Commit and deploy"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

function WatchedDeploy({ watched, onEnd, onDismiss }: { watched: Watched; onEnd: () => void; onDismiss?: () => void }) {
  const live = useDeployEvents(watched.id, onEnd);
  return <CompactDeployProgress live={live} shortSha={watched.shortSha} onDismiss={onDismiss} />;
}
