import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { homeyDomain } from "@/lib/config/env";
import { loadFindings } from "@/lib/model/check-draft";
import { badgesFor } from "@/lib/checks";
import { listRows } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { SavedBanner } from "@/components/ui/saved-banner";
import { RowTable } from "@/components/editors/row-table";
import { Badge } from "@/components/editors/badge";
import { monitorTargetUrl } from "@/components/editors/domain-names";
import { readSavedParams } from "@/components/editors/list-search-params";

export const metadata: Metadata = { title: "Monitors" };

export default async function MonitorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage();
  // One checker run for the whole list: each row gets its count and worst severity.
  const badges = badgesFor((await loadFindings(admin)).findings, "monitor");
  const [rows, params] = await Promise.all([listRows(admin, "monitor"), searchParams]);
  const domain = homeyDomain();
  return (
    <>
      <PageHeader
        title="Monitors"
        description="Uptime Kuma checks these and shows them on the status page; a sync after each deploy adds, changes and removes them."
        action={{ href: "/monitors/new", label: "New monitor" }}
      />
      <SavedBanner {...readSavedParams(params)} />
      <RowTable
        caption="Monitors"
        columns={[
          { key: "name", label: "Name" },
          { key: "url", label: "Checks" },
          { key: "type", label: "Type", wide: true },
          { key: "interval", label: "Every", wide: true },
          { key: "retries", label: "Retries", wide: true },
          { key: "service", label: "Service", wide: true },
        ]}
        rows={rows.map(({ values: m, serviceName }) => ({
          id: m.id,
          href: `/monitors/${m.id}`,
            findings: badges.get(m.id),
          muted: !m.enabled,
          cells: {
            name: `${m.name}${m.enabled ? "" : " (disabled)"}`,
            url: (
              <>
                <span className="font-mono text-xs break-all">{monitorTargetUrl(String(m.target), domain)}</span>
                {m.type === "keyword" && (
                  <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">
                    must contain <span className="font-mono">{String(m.keyword)}</span>
                  </span>
                )}
              </>
            ),
            type: <Badge tone={m.type === "keyword" ? "sky" : "slate"}>{String(m.type)}</Badge>,
            interval: `${m.interval} s`,
            retries: String(m.maxretries),
            service: serviceName ?? "—",
          },
        }))}
        empty={<p>No monitors yet. Add one to watch a page such as cloud/status.php on the status page.</p>}
      />
    </>
  );
}
