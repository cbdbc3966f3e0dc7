// The history people read: audit events and deploys on one timeline, newest first. Deploys
// live in their own table (the runner's record); they are merged in here at read time —
// derived, not stored twice. Filters: by area (including "deploy" and "commit") and by actor.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { describeAuditEvent, describeDeploy, type TimelineEntry } from "./describe";

export const TIMELINE_AREAS = ["service", "virtualHost", "accessRule", "monitor", "backupPath", "commit", "deploy", "draft", "session"] as const;
export type TimelineArea = (typeof TIMELINE_AREAS)[number];

export interface TimelineQuery {
  area?: TimelineArea;
  actor?: string;
  skip?: number;
  take?: number;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  hasMore: boolean;
}

export async function listTimeline(ctx: AdminContext, query: TimelineQuery = {}): Promise<TimelinePage> {
  const { db } = assertAdmin(ctx);
  const skip = query.skip ?? 0;
  const take = query.take ?? 50;
  // Each source gives at most skip + take + 1 rows: enough to know the merged page and whether more follow.
  const want = skip + take + 1;
  const wantAudit = query.area !== "deploy";
  const wantDeploys = query.area === undefined || query.area === "deploy";
  const [events, deploys, services] = await Promise.all([
    wantAudit
      ? db.auditEvent.findMany({
          where: { ...(query.area ? { entityType: query.area } : {}), ...(query.actor ? { actor: query.actor } : {}) },
          // Insertion order (id) is the record's own order; timestamps only interleave the two sources.
          orderBy: { id: "desc" },
          take: want,
        })
      : [],
    wantDeploys
      ? db.deploy.findMany({ where: query.actor ? { actor: query.actor } : undefined, orderBy: { id: "desc" }, take: want })
      : [],
    db.service.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(services.map((s) => [s.id, s.name]));
  const displayNames = await displayNamesOf(db, [...new Set(deploys.map((d) => d.actor))]);
  // A succeeded preview reads better as its audit sentence (what it would stop, start, …) than as its deploy row.
  const previewed = new Set(events.filter((e) => e.entityType === "deploy" && e.action === "preview").map((e) => e.entityId));
  const merged = mergeNewestFirst(
    events.map((e) => describeAuditEvent(e, names)),
    deploys.filter((d) => !(d.action === "dry-activate" && d.status === "succeeded" && previewed.has(String(d.id)))).map((d) => describeDeploy(d, displayNames)),
  );
  return { entries: merged.slice(skip, skip + take), hasMore: merged.length > skip + take };
}

/** The latest display name each user was seen with in the audit log (deploys keep only the user). */
async function displayNamesOf(db: AdminContext["db"], users: string[]): Promise<Map<string, string>> {
  if (users.length === 0) return new Map();
  const rows = await db.auditEvent.findMany({
    where: { actor: { in: users }, actorName: { not: null } },
    select: { actor: true, actorName: true },
    orderBy: { id: "desc" },
    distinct: ["actor"],
  });
  return new Map(rows.flatMap((r) => (r.actorName ? [[r.actor, r.actorName] as const] : [])));
}

/** Merges two newest-first lists by time, keeping each list's own order. */
function mergeNewestFirst(a: TimelineEntry[], b: TimelineEntry[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].at.getTime() >= b[j].at.getTime())) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/** Everyone who appears on the timeline, for the actor filter. */
export async function timelineActors(ctx: AdminContext): Promise<string[]> {
  const { db } = assertAdmin(ctx);
  const [a, d] = await Promise.all([
    db.auditEvent.findMany({ distinct: ["actor"], select: { actor: true } }),
    db.deploy.findMany({ distinct: ["actor"], select: { actor: true } }),
  ]);
  return [...new Set([...a, ...d].map((r) => r.actor))].sort((x, y) => x.localeCompare(y));
}

/** Which of these editor rows still exist (only those get a link). */
export async function existingRows(ctx: AdminContext, entries: TimelineEntry[]): Promise<Set<string>> {
  const { db } = assertAdmin(ctx);
  const ids = (area: string) =>
    entries.flatMap((e) => (e.target?.kind === "area" && e.target.area === area && /^\d+$/.test(e.target.id) ? [Number(e.target.id)] : []));
  const select = { select: { id: true } } as const;
  const [s, v, r, m, b] = await Promise.all([
    db.service.findMany({ where: { id: { in: ids("service") } }, ...select }),
    db.virtualHost.findMany({ where: { id: { in: ids("virtualHost") } }, ...select }),
    db.accessRule.findMany({ where: { id: { in: ids("accessRule") } }, ...select }),
    db.monitor.findMany({ where: { id: { in: ids("monitor") } }, ...select }),
    db.backupPath.findMany({ where: { id: { in: ids("backupPath") } }, ...select }),
  ]);
  const out = new Set<string>();
  for (const [area, rows] of [["service", s], ["virtualHost", v], ["accessRule", r], ["monitor", m], ["backupPath", b]] as const) {
    for (const row of rows) out.add(`${area}:${row.id}`);
  }
  return out;
}
