import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { homeyDomain } from "@/lib/config/env";
import { loadFindings } from "@/lib/model/check-draft";
import { badgesFor } from "@/lib/checks";
import { listRows } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { SavedBanner } from "@/components/ui/saved-banner";
import { RowTable } from "@/components/editors/row-table";
import { readSavedParams } from "@/components/editors/list-search-params";

export const metadata: Metadata = { title: "Virtual hosts" };

export default async function VirtualHostsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage();
  // One checker run for the whole list: each row gets its count and worst severity.
  const badges = badgesFor((await loadFindings(admin)).findings, "virtualHost");
  const [rows, params] = await Promise.all([listRows(admin, "virtualHost"), searchParams]);
  const domain = homeyDomain();
  return (
    <>
      <PageHeader
        title="Virtual hosts"
        description="Caddy serves each as HTTPS plus an http:// loopback twin for cloudflared; Authelia guards those set to sign in."
        action={{ href: "/vhosts/new", label: "New virtual host" }}
      />
      <SavedBanner {...readSavedParams(params)} />
      <RowTable
        caption="Virtual hosts"
        columns={[
          { key: "host", label: "Host" },
          { key: "upstream", label: "Upstream" },
          { key: "auth", label: "Sign-in" },
          { key: "service", label: "Service", wide: true },
        ]}
        rows={rows.map(({ values: v, serviceName }) => ({
          id: v.id,
          href: `/vhosts/${v.id}`,
          findings: badges.get(v.id),
          muted: !v.enabled,
          cells: {
            host: `${v.subdomain === "@" ? "" : `${v.subdomain}.`}${domain}${v.enabled ? "" : " (disabled)"}`,
            upstream: `${v.upstreamHost}:${v.upstreamPort}`,
            auth: String(v.auth),
            service: serviceName ?? "—",
          },
        }))}
        empty={<p>No virtual hosts yet. Add one to publish a service at &lt;name&gt;.{domain}.</p>}
      />
    </>
  );
}
