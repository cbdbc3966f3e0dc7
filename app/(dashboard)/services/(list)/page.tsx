import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { loadFindings } from "@/lib/model/check-draft";
import { badgesFor } from "@/lib/checks";
import { listRows } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { SavedBanner } from "@/components/ui/saved-banner";
import { RowTable } from "@/components/editors/row-table";
import { Badge, LockBadge } from "@/components/editors/badge";
import { readSavedParams } from "@/components/editors/list-search-params";

export const metadata: Metadata = { title: "Services" };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export default async function ServicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage();
  // One checker run for the whole list: each row gets its count and worst severity.
  const badges = badgesFor((await loadFindings(admin)).findings, "service");
  const [services, vhosts, monitors, backupPaths, params] = await Promise.all([
    listRows(admin, "service"),
    listRows(admin, "virtualHost"),
    listRows(admin, "monitor"),
    listRows(admin, "backupPath"),
    searchParams,
  ]);
  const countBy = (rows: { values: Record<string, unknown> }[]) => {
    const counts = new Map<unknown, number>();
    for (const { values } of rows) if (values.serviceId != null) counts.set(values.serviceId, (counts.get(values.serviceId) ?? 0) + 1);
    return (id: number) => counts.get(id) ?? 0;
  };
  const [vhostCount, monitorCount, pathCount] = [countBy(vhosts), countBy(monitors), countBy(backupPaths)];

  return (
    <>
      <PageHeader
        title="Services"
        description="What runs on homey. Virtual hosts, monitors and backup paths point to a service; protected services (the proxy, sign-in and this dashboard) cannot be deleted here."
        action={{ href: "/services/new", label: "New service" }}
      />
      <SavedBanner {...readSavedParams(params)} />
      <RowTable
        caption="Services"
        columns={[
          { key: "name", label: "Name" },
          { key: "title", label: "Title", wide: true },
          { key: "kind", label: "Kind", wide: true },
          { key: "status", label: "Status" },
          { key: "linked", label: "Linked" },
        ]}
        rows={services.map(({ values: s }) => {
          const linked = [
            vhostCount(s.id) ? plural(vhostCount(s.id), "vhost", "vhosts") : null,
            monitorCount(s.id) ? plural(monitorCount(s.id), "monitor", "monitors") : null,
            pathCount(s.id) ? plural(pathCount(s.id), "backup path", "backup paths") : null,
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
