import type { ActionResult } from "@/lib/errors/action-result";

/** The result of an action: error, warnings, or a version conflict with both sides. */
export function FormMessage({ result }: { result: ActionResult }) {
  if (!result.message && !result.warnings?.length) return <div aria-live="polite" />;
  const tone = result.ok
    ? "border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    : "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";
  return (
    <div aria-live="polite" role={result.ok ? "status" : "alert"} className={`rounded-md border-l-4 p-3 text-sm ${tone}`} data-testid="form-message">
      {result.message && <p className="font-medium">{result.message}</p>}
      {result.warnings?.map((w) => (
        <p key={w} className="mt-1 text-amber-800 dark:text-amber-300">
          Warning: {w}
        </p>
      ))}
      {result.conflict && result.conflict.length > 0 && (
        <table className="mt-2 w-full text-left text-xs" data-testid="conflict-table">
          <thead>
            <tr>
              <th className="pr-2">Field</th>
              <th className="pr-2">Saved now</th>
              <th>Yours</th>
            </tr>
          </thead>
          <tbody>
            {result.conflict.map((c) => (
              <tr key={c.field}>
                <td className="pr-2 font-mono">{c.field}</td>
                <td className="pr-2 font-mono break-all">{c.saved}</td>
                <td className="font-mono break-all">{c.yours}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
