import { requireAdminPage } from "@/lib/auth/session";
import Link from "next/link";
import { homeyDomain } from "@/lib/config/env";
import { existingRows, listTimeline } from "@/lib/audit/timeline";
import { listRows, overviewCounts } from "@/lib/model/queries";
import { getLastCommit } from "@/lib/repo/last-commit";
import { lastDeploySummary } from "@/lib/deploy/history";
import { formatWhen } from "@/lib/format/when";
import { LastDeployCard } from "@/components/deploy/last-deploy-card";
import { WhereHeadline } from "@/components/layout/where-headline";
import { loadAwaitingDecision, loadWhereStatus } from "@/lib/status/where-now";
import { AwaitingDecisionPointer } from "@/components/rollout/awaiting-decision-pointer";
import { TimelineList } from "@/components/audit/timeline-list";
import { timelineItems } from "../audit/timeline-items";
import { getLiveView } from "@/lib/live/live-state";
import { LiveStateMark, LiveUnavailable, liveOf } from "@/components/live/live-state";

export default async function OverviewPage() {
  const admin = await requireAdminPage();
  const [counts, services, recent, lastCommit, deploySummary, where, live, pendingDecision] = await Promise.all([
    overviewCounts(admin),
    listRows(admin, "service"),
    listTimeline(admin, { take: 5 }),
    getLastCommit(admin),
    lastDeploySummary(admin),
    loadWhereStatus(admin),
    getLiveView(admin),
    loadAwaitingDecision(admin),
  ]);
  const recentItems = timelineItems(recent.entries, await existingRows(admin, recent.entries));
  const cards = [
    { href: "/services", label: "Services", value: `${counts.enabledServices} / ${counts.services} on` },
    { href: "/vhosts", label: "Virtual hosts", value: counts.virtualHosts },
    { href: "/access-rules", label: "Access rules", value: counts.accessRules },
    { href: "/monitors", label: "Monitors", value: counts.monitors },
    { href: "/backups", label: "Backup paths", value: counts.backupPaths },
  ];
  return (
    <>
      <h1 className="text-2xl font-bold">homey · {homeyDomain()}</h1>
      <p className="mt-1 text-slate-600 dark:text-slate-400">Edit the draft, review the changes, apply them to the repo, deploy.</p>
      <div className="mt-4">
        <WhereHeadline status={where} />
        <AwaitingDecisionPointer pending={pendingDecision} />
      </div>
      <section aria-labelledby="repo-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="repo-heading" className="text-sm font-semibold text-slate-500 dark:text-slate-400">
          Last commit
        </h2>
        {lastCommit ? (
          <p className="mt-1" data-testid="last-commit">
            <span className="font-mono">{lastCommit.shortSha}</span> {lastCommit.subject}{" "}
            <span className="text-sm text-slate-500 dark:text-slate-400">
              by {lastCommit.authorName}, {formatWhen(lastCommit.date)}
            </span>
          </p>
        ) : (
          <p className="mt-1">
            No commit yet: the homey repo is not set up. <Link href="/changes" className="text-sky-700 underline dark:text-sky-400">See Changes</Link>.
          </p>
        )}
      </section>
      <div className="mt-4">
        <LastDeployCard summary={deploySummary} runningSha={where.runningSha} />
      </div>
      <ul className="mt-6 grid grid-cols-2 gap-3 md:grid-cols-5">
        {cards.map((c) => (
          <li key={c.href}>
            <Link href={c.href} className="block rounded-lg border border-slate-200 bg-white p-4 hover:border-sky-500 dark:border-slate-800 dark:bg-slate-900">
              <span className="block text-sm text-slate-500 dark:text-slate-400">{c.label}</span>
              <span className="mt-1 block text-xl font-bold">{c.value}</span>
            </Link>
          </li>
        ))}
      </ul>
      <section className="mt-8" aria-labelledby="services-heading">
        <h2 id="services-heading" className="text-lg font-semibold">
          Services
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">On or off in the draft, and what runs now (systemd, from Prometheus).</p>
        <LiveUnavailable view={live} />
        <ul className="mt-3 flex flex-wrap gap-2">
          {services.map(({ values: s }) => (
            <li
              key={s.id}
              data-testid={`overview-service-${String(s.name)}`}
              className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-sm ${s.enabled ? "bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300"}`}
            >
              <span>
                {String(s.name)} <span className="font-semibold">{s.enabled ? "on" : "off"}</span>
              </span>
              {live.available && <LiveStateMark live={liveOf(live, String(s.name))} />}
            </li>
          ))}
        </ul>
      </section>
      <section className="mt-8" aria-labelledby="audit-heading">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Recent changes
        </h2>
        <TimelineList items={recentItems} compact />
        <Link href="/audit" className="mt-2 inline-flex min-h-11 items-center text-sm text-sky-700 underline dark:text-sky-400">
          All history
        </Link>
      </section>
    </>
  );
}
