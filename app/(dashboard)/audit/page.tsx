import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import Link from "next/link";
import { listAuditEvents } from "@/lib/audit/record";
import { PageHeader } from "@/components/ui/page-header";
import { AuditList } from "@/components/audit/audit-list";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

const FILTERS = [
  { type: undefined, label: "All" },
  { type: "service", label: "Services" },
  { type: "virtualHost", label: "Virtual hosts" },
  { type: "accessRule", label: "Access rules" },
  { type: "monitor", label: "Monitors" },
  { type: "backupPath", label: "Backup paths" },
  { type: "draft", label: "Seeding" },
  { type: "session", label: "Break-glass sign-in" },
] as const;

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function readParams(params: SearchParams) {
  const page = Number(first(params.page) ?? "1");
  const type = first(params.type);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    type: type && /^[A-Za-z-]{1,40}$/.test(type) ? type : undefined,
  };
}

function href(type: string | undefined, page: number): string {
  const query = new URLSearchParams();
  if (type) query.set("type", type);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}

const linkClass = "inline-block min-h-11 rounded-md px-3 py-2.5 text-sm font-medium";

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage();
  const { page, type } = readParams(await searchParams);
  // Newest first; one more than this page needs tells whether there is a next page.
  // One row more than a page tells whether there is a next page.
  const fetched = await listAuditEvents(admin, { entityType: type, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE + 1 });
  const events = fetched.slice(0, PAGE_SIZE);
  const hasNext = fetched.length > PAGE_SIZE;
  const filterLabel = FILTERS.find((f) => f.type === type)?.label ?? type;

  return (
    <>
      <PageHeader title="Audit log" description="Every change to the draft, who made it and when, newest first; each field shows before → after." />
      <nav aria-label="Filter by entity type">
        <ul className="flex flex-wrap gap-1">
          {FILTERS.map((f) => {
            const active = f.type === type;
            return (
              <li key={f.label}>
                <Link
                  href={href(f.type, 1)}
                  aria-current={active ? "page" : undefined}
                  className={`${linkClass} ${
                    active ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
                  }`}
                >
                  {f.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <section aria-labelledby="events-heading" className="mt-4">
        <h2 id="events-heading" className="sr-only">
          {type ? `${filterLabel}: ` : ""}events, page {page}
        </h2>
        {events.length === 0 && page > 1 ? (
          <p className="mt-3 text-slate-500">
            There is no page {page}. <Link href={href(type, 1)} className="text-sky-700 underline dark:text-sky-400">Back to the newest events</Link>
          </p>
        ) : (
          <AuditList events={events} />
        )}
      </section>
      {(page > 1 || hasNext) && (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3">
          {page > 1 ? (
            <Link href={href(type, page - 1)} rel="prev" className={`${linkClass} border border-slate-300 dark:border-slate-700`}>
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-500">Page {page}</span>
          {hasNext ? (
            <Link href={href(type, page + 1)} rel="next" className={`${linkClass} border border-slate-300 dark:border-slate-700`}>
              Older →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
