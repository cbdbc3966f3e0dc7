import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { loadFindings } from "@/lib/model/check-draft";
import { badgesFor, type RowBadge } from "@/lib/checks";
import { listRows, type ListedRow } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { SavedBanner } from "@/components/ui/saved-banner";
import { RowTable } from "@/components/editors/row-table";
import { readSavedParams } from "@/components/editors/list-search-params";

export const metadata: Metadata = { title: "Backup paths" };

const GROUPS = [
  {
    mode: "include",
    heading: "Included",
    description: "Restic backs these up daily at 03:00 to Backblaze B2.",
    empty: "Nothing is included yet: add the state directories worth keeping.",
  },
  {
    mode: "exclude",
    heading: "Excluded",
    description: "Skipped even inside an included path: media, caches, anything reproducible.",
    empty: "Nothing is excluded.",
  },
] as const;

function PathTable({ rows, caption, empty, badges }: { rows: ListedRow<"backupPath">[]; caption: string; empty: string; badges: Map<number, RowBadge> }) {
  return (
    <RowTable
      caption={caption}
      columns={[
        { key: "path", label: "Path" },
        { key: "service", label: "Service" },
        { key: "note", label: "Note", wide: true },
      ]}
      rows={rows.map(({ values: p, serviceName }) => ({
        id: p.id,
        href: `/backups/${p.id}`,
        findings: badges.get(p.id),
        cells: {
          path: <span className="font-mono break-all">{String(p.path)}</span>,
          service: serviceName ?? "—",
          note: String(p.note) || "—",
        },
      }))}
      empty={<p>{empty}</p>}
    />
  );
}

export default async function BackupPathsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdminPage();
  const badges = badgesFor((await loadFindings(admin)).findings, "backupPath");
  const [rows, params] = await Promise.all([listRows(admin, "backupPath"), searchParams]);
  return (
    <>
      <PageHeader
        title="Backup paths"
        description="What restic includes in, and excludes from, homey's nightly backup."
        action={{ href: "/backups/new", label: "New backup path" }}
      />
      <SavedBanner {...readSavedParams(params)} />
      <div className="space-y-8">
        {GROUPS.map((group) => (
          <section key={group.mode} aria-labelledby={`${group.mode}-heading`}>
            <h2 id={`${group.mode}-heading`} className="text-lg font-semibold">
              {group.heading}
            </h2>
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{group.description}</p>
            <PathTable badges={badges} rows={rows.filter((r) => r.values.mode === group.mode)} caption={`${group.heading} backup paths`} empty={group.empty} />
          </section>
        ))}
      </div>
    </>
  );
}
