/** Shown on a list after a save or delete redirected to it (the action passes it in the URL). */
export function SavedBanner({ saved, deleted, warnings }: { saved?: string; deleted?: boolean; warnings: string[] }) {
  if (!saved && !deleted) return null;
  return (
    <div role="status" className="mb-4 rounded-md border-l-4 border-emerald-600 bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
      <p className="font-medium">{deleted ? "Deleted." : `Saved ${saved}.`} The change is in the draft: review it under Changes, then apply.</p>
      {warnings.map((w) => (
        <p key={w} className="mt-1 text-amber-800 dark:text-amber-300">
          Warning: {w}
        </p>
      ))}
    </div>
  );
}
