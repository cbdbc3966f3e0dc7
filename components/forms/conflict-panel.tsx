"use client";
// A version conflict with both sides: the other admin's saved value and mine per differing
// field, and the two ways out — keep mine (saved over the current version, checked again)
// or take theirs (the form reloads with the current row). The form keeps what was typed.
import type { ActionResult } from "@/lib/errors/action-result";

export type ConflictRows = NonNullable<ActionResult["conflict"]>;

export function ConflictPanel({
  message,
  rows,
  labelOf,
  pending,
  onKeepMine,
  onTakeTheirs,
}: {
  message: string;
  rows: ConflictRows;
  /** The field's label in this form (falls back to its name). */
  labelOf: (field: string) => string;
  pending: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  return (
    <div role="alert" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-50" data-testid="form-message">
      <p className="font-medium">{message}</p>
      {rows.length > 0 && (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="conflict-table">
            <caption className="sr-only">Fields that differ between their saved version and yours</caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3">
                  Field
                </th>
                <th scope="col" className="py-1 pr-3">
                  Theirs (saved now)
                </th>
                <th scope="col" className="py-1">
                  Mine
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field} className="border-t border-amber-200 dark:border-amber-800" data-field={row.field}>
                  <th scope="row" className="py-1 pr-3 font-medium">
                    {labelOf(row.field)}
                  </th>
                  <td className="py-1 pr-3 font-mono break-all" data-side="theirs">
                    {row.saved}
                  </td>
                  <td className="py-1 font-mono break-all" data-side="mine">
                    {row.yours}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={onKeepMine}
          className="min-h-11 rounded-md bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60 dark:bg-sky-500 dark:text-slate-950"
        >
          Keep mine and save
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={onTakeTheirs}
          className="min-h-11 rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        >
          Take theirs
        </button>
      </div>
    </div>
  );
}
