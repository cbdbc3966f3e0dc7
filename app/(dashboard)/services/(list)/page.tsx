import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { loadFindings } from "@/lib/model/check-draft";
import { badgesFor } from "@/lib/checks";
import { listRows, serviceLinkCounts } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { SavedBanner } from "@/components/ui/saved-banner";
import { RowTable } from "@/components/editors/row-table";
import { Badge, LockBadge } from "@/components/editors/badge";
import { readSavedParams } from "@/components/editors/list-search-params";
import { getLiveView } from "@/lib/live/live-state";
import { LiveStateMark, LiveUnavailable, liveOf } from "@/components/live/live-state";

export const metadata: Metadata = { title: "Services" };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage();
  // One checker run for the whole list: each row gets its count and worst severity.
  const [findings, services, links, params, live] = await Promise.all([loadFindings(admin), listRows(admin, "service"), serviceLinkCounts(admin), searchParams, getLiveView(admin)]);
  const badges = badgesFor(findings.findings, "service");
  const none = { virtualHosts: 0, monitors: 0, backupPaths: 0 };

  return (
    <>
      <PageHeader
        title="Services"
        description="What runs on homey. Virtual hosts, monitors and backup paths point to a service; protected services (the proxy, sign-in and this dashboard) cannot be deleted here."
        action={{ href: "/services/new", label: "New service" }}
      />
      <SavedBanner {...readSavedParams(params)} />
      <LiveUnavailable view={live} />
      <RowTable
        caption="Services"
        columns={[
          { key: "name", label: "Name" },
          { key: "title", label: "Title", wide: true },
          { key: "kind", label: "Kind", wide: true },
          { key: "status", label: "Draft" },
          { key: "live", label: "Live" },
          { key: "linked", label: "Linked" },
        ]}
        rows={services.map(({ values: s }) => {
          const count = links.get(s.id) ?? none;
          const linked = [
            count.virtualHosts ? plural(count.virtualHosts, "vhost", "vhosts") : null,
            count.monitors ? plural(count.monitors, "monitor", "monitors") : null,
            count.backupPaths ? plural(count.backupPaths, "backup path", "backup paths") : null,
          ].filter((item): item is string => item !== null);
          return {
            id: s.id,
            href: `/services/${s.id}`,
            findings: badges.get(s.id),
            muted: !s.enabled,
            cells: {
              name: String(s.name),
              title: String(s.title),
              kind: String(s.kind),
              status: (
                <span className="flex flex-wrap gap-1">
                  {s.enabled ? <Badge tone="green">on</Badge> : <Badge>off</Badge>}
                  {s.protected ? <LockBadge /> : null}
                </span>
              ),
              live: <LiveStateMark live={liveOf(live, String(s.name))} />,
              linked: linked.length ? (
                <ul>
                  {linked.map((item) => (
                    <li key={item}>
                      {item}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="text-slate-500">none</span>
              ),
            },
          };
        })}
        empty={<p>No services yet. Add one, then point virtual hosts, monitors and backup paths to it.</p>}
      />
    </>
  );
}
