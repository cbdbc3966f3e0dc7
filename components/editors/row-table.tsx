import Link from "next/link";
import type { RowBadge } from "@/lib/checks";
import { FindingsBadge } from "@/components/checks/findings-badge";

export interface Column {
  key: string;
  label: string;
  /** Hidden on narrow screens to keep rows on one line. */
  wide?: boolean;
}

export interface TableRow {
  id: number;
  href: string;
  cells: Record<string, React.ReactNode>;
  muted?: boolean;
  /** What the checker says about the row (count + worst severity), shown beside its link. */
  findings?: RowBadge;
}

/** A list of rows, each linking to its editor; an empty state that says what to do. */
export function RowTable({ columns, rows, empty, caption }: { columns: Column[]; rows: TableRow[]; empty: React.ReactNode; caption: string }) {
  if (rows.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">{empty}</div>;
  }
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 dark:bg-slate-900">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`px-3 py-2 font-semibold ${c.wide ? "hidden md:table-cell" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={`border-t border-slate-200 dark:border-slate-800 ${row.muted ? "text-slate-500" : ""}`}>
              {columns.map((c, i) => (
                <td key={c.key} className={`px-3 py-1 align-middle ${c.wide ? "hidden md:table-cell" : ""}`}>
                  {i === 0 ? (
                    <>
                      <Link href={row.href} className="inline-flex min-h-11 items-center font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
                        {row.cells[c.key]}
                      </Link>
                      <FindingsBadge badge={row.findings} />
                    </>
                  ) : (
                    row.cells[c.key]
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
