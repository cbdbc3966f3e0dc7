// Skeleton in the shape of the page: back link, header, one row per service, the Apply bar.
export default function QuickToggleLoading() {
  return (
    <div aria-busy="true" aria-label="Loading quick toggle" className="mx-auto max-w-2xl animate-pulse space-y-4">
      <div className="h-11 w-24 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="space-y-2">
        <div className="h-8 w-48 rounded bg-slate-200 dark:bg-slate-800" />
        <div className="h-4 w-full rounded bg-slate-200 dark:bg-slate-800" />
      </div>
      <div className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex items-center gap-3 p-3">
            <div className="flex-1 space-y-2">
              <div className="h-5 w-40 rounded bg-slate-200 dark:bg-slate-800" />
              <div className="h-4 w-56 max-w-full rounded bg-slate-100 dark:bg-slate-900" />
            </div>
            <div className="h-8 w-14 rounded-full bg-slate-200 dark:bg-slate-800" />
          </div>
        ))}
      </div>
      <div className="h-16 rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
