/** Shown after "import into draft" redirected back to the page. */
export function ImportBanner({ imported, warnings }: { imported?: string; warnings: string[] }) {
  if (!imported) return null;
  return (
    <div role="status" className="rounded-md border-l-4 border-emerald-600 bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" data-testid="import-result">
      <p className="font-medium">
        {imported === "none"
          ? "The draft already had the repo's values; nothing changed."
          : `Imported the repo's values into the draft (${imported}). Each change is in the audit log.`}
      </p>
      {warnings.map((w) => (
        <p key={w} className="mt-1 text-amber-800 dark:text-amber-300">
          Warning: {w}
        </p>
      ))}
    </div>
  );
}
