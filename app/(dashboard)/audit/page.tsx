import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import Link from "next/link";
import { existingRows, listTimeline, TIMELINE_AREAS, timelineActors, type TimelineArea } from "@/lib/audit/timeline";
import { PageHeader } from "@/components/ui/page-header";
import { TimelineList } from "@/components/audit/timeline-list";
import { timelineItems } from "./timeline-items";

export const metadata: Metadata = { title: "History" };

const PAGE_SIZE = 50;

const FILTERS: { area: TimelineArea | undefined; label: string }[] = [
  { area: undefined, label: "All" },
  { area: "service", label: "Services" },
  { area: "virtualHost", label: "Virtual hosts" },
  { area: "accessRule", label: "Access rules" },
  { area: "monitor", label: "Monitors" },
  { area: "backupPath", label: "Backup paths" },
  { area: "commit", label: "Applies" },
  { area: "deploy", label: "Deploys" },
  { area: "draft", label: "Seeding" },
  { area: "session", label: "Break-glass sign-in" },
];

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function readParams(params: SearchParams) {
  const page = Number(first(params.page) ?? "1");
  // "type" is the old name of the area filter: links to /audit?type=… keep working.
  const area = first(params.area) ?? first(params.type);
  const actor = first(params.actor)?.slice(0, 200);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    area: (TIMELINE_AREAS as readonly string[]).includes(area ?? "") ? (area as TimelineArea) : undefined,
    actor: actor || undefined,
  };
}

function href(area: string | undefined, actor: string | undefined, page: number): string {
  const query = new URLSearchParams();
  if (area) query.set("area", area);
  if (actor) query.set("actor", actor);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}

const linkClass = "inline-block min-h-11 rounded-md px-3 py-2.5 text-sm font-medium";

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const admin = await requireAdminPage();
  const { page, area, actor } = readParams(await searchParams);
  const [{ entries, hasMore }, actors] = await Promise.all([
    listTimeline(admin, { area, actor, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    timelineActors(admin),
  ]);
  const items = timelineItems(entries, await existingRows(admin, entries));
  const filterLabel = FILTERS.find((f) => f.area === area)?.label ?? area;

  return (
    <>
      <PageHeader
        title="History"
        description="Every change to the draft, every apply and every deploy, who did it and when, newest first. Changed fields show before → after."
      />
      <nav aria-label="Filter by area">
        <ul className="flex flex-wrap gap-1">
          {FILTERS.map((f) => {
            const active = f.area === area;
            return (
              <li key={f.label}>
                <Link
                  href={href(f.area, actor, 1)}
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
      {/* A plain GET form: works without JavaScript, and the URL is the filter. */}
      <form method="get" action="/audit" className="mt-3 flex flex-wrap items-end gap-2">
        {area && <input type="hidden" name="area" value={area} />}
        <label className="text-sm">
          <span className="block font-medium">Who</span>
          <select name="actor" defaultValue={actor ?? ""} className="mt-1 min-h-11 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-700 dark:bg-slate-900">
            <option value="">Everyone</option>
            {actors.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-11 rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-700">
          Show
        </button>
        {actor && (
          <Link href={href(area, undefined, 1)} className="inline-flex min-h-11 items-center px-2 text-sm text-sky-800 underline dark:text-sky-300">
            Everyone
          </Link>
        )}
      </form>
      <section aria-labelledby="events-heading" className="mt-4">
        <h2 id="events-heading" className="sr-only">
          {area ? `${filterLabel}: ` : ""}
          {actor ? `by ${actor}, ` : ""}history, page {page}
        </h2>
        {entries.length === 0 && page > 1 ? (
          <p className="mt-3 text-slate-600 dark:text-slate-400">
            There is no page {page}. <Link href={href(area, actor, 1)} className="text-sky-700 underline dark:text-sky-400">Back to the newest</Link>
          </p>
        ) : (
          <TimelineList items={items} />
        )}
      </section>
      {(page > 1 || hasMore) && (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3">
          {page > 1 ? (
            <Link href={href(area, actor, page - 1)} rel="prev" className={`${linkClass} border border-slate-300 dark:border-slate-700`}>
              ← Newer
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-slate-600 dark:text-slate-400">Page {page}</span>
          {hasMore ? (
            <Link href={href(area, actor, page + 1)} rel="next" className={`${linkClass} border border-slate-300 dark:border-slate-700`}>
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
