// Deploys: deploy HEAD (one deploy at a time), roll back to the previous generation, and
// the history with a link to every deploy's log.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/config/env";
import { describeTarget, loadDeployTarget } from "@/lib/deploy/config";
import { headCommit, listDeploys, runningDeployId } from "@/lib/deploy/history";
import { loadRollbackAvailability, runningCommitOnTarget } from "@/lib/status/where-now";
import { deployRunner } from "@/lib/deploy/instance";
import { isAppError } from "@/lib/errors/app-error";
import { ConfirmActionForm } from "@/components/deploy/confirm-action-form";
import { DeployForm } from "@/components/deploy/deploy-form";
import { DeployHistoryTable } from "@/components/deploy/history-table";
import { TargetNotice, type TargetInfo } from "@/components/deploy/target-notice";
import { PageHeader } from "@/components/ui/page-header";
import { redeployAction, rollbackAction, startDeployAction } from "../actions";

export const metadata: Metadata = { title: "Deploys" };

type SearchParams = Record<string, string | string[] | undefined>;

function targetInfo(): TargetInfo {
  try {
    const target = loadDeployTarget();
    return { ok: true, description: describeTarget(target), transport: target.transport, flakeAttr: target.flakeAttr, command: target.command };
  } catch (error) {
    if (!isAppError(error) || error.code !== "DEPLOY_CONFIG") throw error;
    const problems = Array.isArray(error.details?.problems) ? (error.details.problems as string[]) : [];
    return { ok: false, problems, message: error.message };
  }
}

export default async function DeploysPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage();
  const params = await searchParams;
  const before = Number(Array.isArray(params.before) ? params.before[0] : params.before);
  const beforeId = Number.isInteger(before) && before > 0 ? before : undefined;

  const target = targetInfo();
  const [head, history, rollback, runningInDb, runningSha] = await Promise.all([
    headCommit(admin).catch((error: unknown) => {
      console.error("homey-admin: reading HEAD for the deploys page failed", error);
      return null;
    }),
    listDeploys(admin, { take: 50, beforeId }),
    loadRollbackAvailability(admin),
    runningDeployId(admin),
    runningCommitOnTarget(),
  ]);
  const previous = rollback.available ? rollback.previous : null;
  // The runner is the authority on "running"; a row still marked running without it is
  // left from a restart and is marked interrupted at startup.
  const runningId = deployRunner().current()?.deployId ?? null;
  const blockedReason = !target.ok ? "Fix the deploy settings above first." : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Deploys"
        description="Put a commit of the homey repo on the Pi with nixos-rebuild, watch the build live, roll back if it went wrong. One deploy at a time."
      />
      <TargetNotice target={target} demo={isDemoMode()} />
      {runningInDb !== null && runningInDb !== runningId && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Deploy #{runningInDb} is still marked running but no deploy is active in this server; it will be marked interrupted at the next start.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <DeployForm action={startDeployAction} head={head} runningId={runningId} blockedReason={blockedReason} runningSha={runningSha} />
        <section aria-labelledby="rollback-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 id="rollback-heading" className="text-lg font-semibold">
            Roll back
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Switch to the previous system generation (<code className="font-mono">nixos-rebuild switch --rollback</code>), without building anything.
            {!rollback.available ? (
              <span className="mt-1 block font-medium text-slate-800 dark:text-slate-200" data-testid="rollback-unavailable">
                {" "}
                Not offered: {rollback.reason}
              </span>
            ) : previous ? (
              <>
                {" "}
                It should be commit{" "}
                <code className="font-mono" title={previous.commitSha}>
                  {previous.commitSha.slice(0, 7)}
                </code>{" "}
                (deploy <Link href={`/deploys/${previous.deployId}`} className="underline">#{previous.deployId}</Link>).
              </>
            ) : (
              " homey-admin has not recorded which commit that generation holds."
            )}
          </p>
          <ConfirmActionForm
            action={rollbackAction}
            buttonLabel="Roll back to previous generation…"
            title="Roll back to the previous generation?"
            confirmLabel="Roll back"
            disabled={runningId !== null || !target.ok || !rollback.available}
          >
            <p>
              homey-admin runs <code className="font-mono">nixos-rebuild switch --rollback</code> on {target.ok ? target.description : "the target"}: the system
              switches to the generation before the current one, right now.
            </p>
            <p>
              {previous
                ? `That generation should hold commit ${previous.commitSha.slice(0, 7)} (deploy #${previous.deployId}).`
                : "Which commit that generation holds is not known to homey-admin."}{" "}
              HEAD of the repo does not change: the next deploy of HEAD undoes the rollback.
            </p>
          </ConfirmActionForm>
        </section>
      </div>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        <DeployHistoryTable deploys={history.deploys} redeployAction={redeployAction} busy={runningId !== null} runningSha={runningSha} />
        <nav aria-label="History pages" className="flex gap-4 text-sm">
          {beforeId && (
            <Link href="/deploys" className="text-sky-700 underline dark:text-sky-400">
              Newest deploys
            </Link>
          )}
          {history.olderBeforeId && (
            <Link href={`/deploys?before=${history.olderBeforeId}`} className="text-sky-700 underline dark:text-sky-400">
              Older deploys
            </Link>
          )}
        </nav>
      </section>
    </div>
  );
}
