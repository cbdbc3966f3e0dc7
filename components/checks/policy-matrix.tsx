// Each vhost × anonymous / admin-group member / signed-in non-admin → what Authelia decides,
// over the draft, with the cells that differ from HEAD highlighted and said in a sentence.
import type { MatrixChange, MatrixCell, MatrixRow, Persona } from "@/lib/checks";

const PERSONA_LABEL: Record<Persona, string> = { anonymous: "Anonymous", admin: "Admin group", member: "Signed-in non-admin" };
const PERSONAS: Persona[] = ["anonymous", "admin", "member"];

function cellText(cell: MatrixCell): string {
  if (cell.decision === "open") return "open (auth off)";
  if (cell.outcome === "allowed") return cell.decision === "bypass" ? "bypass" : `in (${cell.decision})`;
  if (cell.outcome === "sign-in") return `sign in (${cell.decision})`;
  return "refused";
}

export function PolicyMatrix({ rows, changes }: { rows: MatrixRow[]; changes: MatrixChange[] | null }) {
  const changed = new Map((changes ?? []).map((c) => [`${c.host}|${c.persona}`, c]));
  return (
    <section aria-labelledby="matrix-heading" className="space-y-3" data-testid="policy-matrix">
      <h2 id="matrix-heading" className="text-lg font-semibold">
        Who reaches what
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        GET / of each vhost, from the internet, as Authelia would answer it after Apply.{" "}
        {changes === null ? "HEAD's values cannot be read back here, so differences are not marked." : "Cells that differ from the last commit are marked."}
      </p>
      {changes && changes.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="matrix-changes">
          {changes.map((c) => (
            <li key={`${c.host}|${c.persona}`}>{c.sentence}</li>
          ))}
        </ul>
      )}
      {/* Wider than a phone: the region takes keyboard focus so it scrolls without a pointer, and is the containing block of its sr-only text (absolutely placed, it would otherwise widen the page). */}
      <div tabIndex={0} role="region" aria-label="Access decisions per vhost and persona" className="relative overflow-x-auto rounded-lg border border-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-800">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Access decisions per vhost and persona</caption>
          <thead className="bg-slate-100 dark:bg-slate-900">
            <tr>
              <th scope="col" className="px-3 py-2">
                Host
              </th>
              {PERSONAS.map((p) => (
                <th key={p} scope="col" className="px-3 py-2">
                  {PERSONA_LABEL[p]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.host} className="border-t border-slate-200 dark:border-slate-800" data-host={row.host}>
                <th scope="row" className="px-3 py-1 font-mono text-xs font-normal">
                  {row.host}
                </th>
                {PERSONAS.map((p) => {
                  const change = changed.get(`${row.host}|${p}`);
                  return (
                    <td
                      key={p}
                      data-persona={p}
                      data-changed={change ? "true" : undefined}
                      title={change?.sentence}
                      className={`px-3 py-1 ${change ? "bg-amber-100 font-semibold text-amber-950 dark:bg-amber-900 dark:text-amber-50" : ""}`}
                    >
                      {cellText(row.cells[p])}
                      {change && <span className="sr-only"> (changed: {change.sentence})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
