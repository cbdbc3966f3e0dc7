// One deploy: what was deployed, by whom and when, then (live while it runs, replayed
// once it has ended) its progress and its whole log.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/session";
import { getDeploy, parseDeployId } from "@/lib/deploy/history";
import { ACTION_LABELS } from "@/components/deploy/format";
import { formatWhen } from "@/lib/format/when";
import { DeployLiveBody, DeployLiveProvider, LiveDuration, LiveExitCode, LiveStatus, RefreshWhenEnded } from "@/components/deploy/live/deploy-live";
import { PreviewPanel } from "@/components/deploy/live/preview-panel";
import { HealthPanel } from "@/components/deploy/health-panel";
import { loadDeployHealth } from "@/lib/rollout/health-view";
import { cancelDeployAction, confirmPreviewAction, keepDeployAction, rollbackUnhealthyAction } from "../actions";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Deploy #${(await params).id}` };
}

export default async function DeployPage({ params }: { params: Params }) {
  const admin = await requireAdminPage();
  const id = parseDeployId((await params).id);
  const deploy = id === null ? null : await getDeploy(admin, id);
  if (!deploy) notFound();
  const health = await loadDeployHealth(admin, deploy.id);

  return (
    <DeployLiveProvider
      initial={{
        deployId: deploy.id,
        status: deploy.status,
        exitCode: deploy.exitCode,
        error: deploy.error,
        startedAt: deploy.startedAt,
        finishedAt: deploy.finishedAt,
        progress: deploy.progress,
      }}
    >
      <RefreshWhenEnded />
      <div className="space-y-6">
        <header className="space-y-3">
          <Link href="/deploys" className="text-sm text-sky-700 underline dark:text-sky-400">
            ← All deploys
          </Link>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-bold">Deploy #{deploy.id}</h1>
            <LiveStatus />
          </div>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr_max-content_1fr]">
            <dt className="font-medium text-slate-600 dark:text-slate-400">Action</dt>
            <dd className="font-mono" data-testid="deploy-action">
              {ACTION_LABELS[deploy.action] ?? deploy.action}
            </dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Commit</dt>
            <dd>
              {deploy.commitSha ? (
                <Link href={`/commits/${deploy.commitSha}`} className="text-sky-700 underline dark:text-sky-400">
                  <code className="font-mono break-all" title={deploy.commitSha} data-testid="deploy-sha">
                    {deploy.commitSha}
                  </code>
                </Link>
              ) : (
                <span className="text-slate-500">previous generation (commit not recorded)</span>
              )}
            </dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Started by</dt>
            <dd data-testid="deploy-actor">{deploy.actor}</dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Started</dt>
            <dd>
              <time dateTime={deploy.startedAt}>{formatWhen(deploy.startedAt, { seconds: true })}</time>
            </dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Duration</dt>
            <dd>
              <LiveDuration />
            </dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Exit code</dt>
            <dd className="font-mono">
              <LiveExitCode />
            </dd>
            <dt className="font-medium text-slate-600 dark:text-slate-400">Target</dt>
            <dd className="font-mono">{deploy.target}</dd>
          </dl>
          {deploy.selfRestartTo ? (
            <p role="note" data-testid="deploy-self-restart" className="text-sm text-slate-700 dark:text-slate-300">
              This deploy changed homey-admin&apos;s own package: homey-admin restarted itself into{" "}
              <code className="font-mono break-all">{deploy.selfRestartTo}</code> once the result above was recorded.
            </p>
          ) : null}
        </header>
        {health ? (
          <HealthPanel health={health} rollbackAction={rollbackUnhealthyAction.bind(null, deploy.id)} keepAction={keepDeployAction.bind(null, deploy.id)} />
        ) : null}
        {deploy.action === "dry-activate" && deploy.commitSha && (
          <PreviewPanel confirmAction={confirmPreviewAction.bind(null, deploy.id)} commitShort={deploy.shortSha} />
        )}
        <DeployLiveBody cancelAction={cancelDeployAction.bind(null, deploy.id)} />
      </div>
    </DeployLiveProvider>
  );
}
