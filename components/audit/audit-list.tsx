export interface AuditEventView {
  id: number;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
}

function changedFields(before: string | null, after: string | null): { field: string; from: string; to: string }[] {
  const a = before ? (JSON.parse(before) as Record<string, unknown>) : {};
  const b = after ? (JSON.parse(after) as Record<string, unknown>) : {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => k !== "version" && k !== "id" && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((field) => ({ field, from: a[field] === undefined ? "—" : JSON.stringify(a[field]), to: b[field] === undefined ? "—" : JSON.stringify(b[field]) }));
}

/** Who changed what, with before → after per field. */
export function AuditList({ events }: { events: AuditEventView[] }) {
  if (events.length === 0) return <p className="mt-3 text-slate-500">No changes recorded yet.</p>;
  return (
    <ol className="mt-3 space-y-2">
      {events.map((e) => (
        <li key={e.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
          <p>
            <strong>{e.actor}</strong> {e.action} {e.entityType} <span className="font-mono">{e.entityId}</span>{" "}
            <time className="text-slate-500" dateTime={e.createdAt.toISOString()}>
              {e.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
            </time>
          </p>
          {e.action === "update" && (
            <ul className="mt-1 font-mono text-xs">
              {changedFields(e.before, e.after).map((c) => (
                <li key={c.field} className="break-all">
                  {c.field}: <span className="text-red-700 dark:text-red-400">{c.from}</span> → <span className="text-emerald-700 dark:text-emerald-400">{c.to}</span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
