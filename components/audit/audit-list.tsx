import { formatWhen } from "@/lib/format/when";

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

const ENTITY_LABELS: Record<string, string> = {
  service: "service",
  virtualHost: "virtual host",
  accessRule: "access rule",
  monitor: "monitor",
  backupPath: "backup path",
};

const HIDDEN_FIELDS = new Set(["id", "version"]);

function fieldsOf(text: string | null): Record<string, unknown> {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
}

const show = (v: unknown) => (v === undefined ? "—" : JSON.stringify(v));

interface FieldChange {
  field: string;
  from?: string;
  to?: string;
}

/** Update: the fields that changed, before → after. Create/delete: every value it had. */
function fieldChanges(action: string, before: string | null, after: string | null): FieldChange[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !HIDDEN_FIELDS.has(k));
  if (before && after) {
    return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((field) => ({ field, from: show(a[field]), to: show(b[field]) }));
  }
  if (before) return keys.map((field) => ({ field, from: show(a[field]) }));
  return action === "delete" ? [] : keys.map((field) => ({ field, to: show(b[field]) }));
}

/** Who changed what, with before → after per field (created and deleted rows show their values). */
export function AuditList({ events }: { events: AuditEventView[] }) {
  if (events.length === 0) return <p className="mt-3 text-slate-500">No changes recorded yet.</p>;
  return (
    <ol className="mt-3 space-y-2">
      {events.map((e) => {
        const changes = fieldChanges(e.action, e.before, e.after);
        return (
          <li key={e.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900">
            <p className="break-words">
              <strong>{e.actor}</strong> {e.action} {ENTITY_LABELS[e.entityType] ?? e.entityType} <span className="font-mono">{e.entityId}</span>{" "}
              <time className="text-slate-500" dateTime={e.createdAt.toISOString()}>
                {formatWhen(e.createdAt, { seconds: true })}
              </time>
            </p>
            {changes.length > 0 && (
              <ul className="mt-1 font-mono text-xs" aria-label={e.action === "update" ? "Changed fields, before → after" : "Values"}>
                {changes.map((c) => (
                  <li key={c.field} className="break-all">
                    {c.field}:{" "}
                    {c.from !== undefined && (
                      <span className={`text-red-700 dark:text-red-400 ${c.to === undefined ? "line-through" : ""}`}>
                        {c.to === undefined && <span className="sr-only">was </span>}
                        {c.from}
                      </span>
                    )}
                    {c.from !== undefined && c.to !== undefined && " → "}
                    {c.to !== undefined && <span className="text-emerald-700 dark:text-emerald-400">{c.to}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
