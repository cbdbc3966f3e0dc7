// Skeleton in the shape of the page: header, summary cards, two diffs, the Apply box.
export default function ChangesLoading() {
  return (
    <div aria-busy="true" aria-label="Loading pending changes" className="animate-pulse space-y-6">
      <div className="space-y-2">
        <div className="h-8 w-64 rounded bg-slate-200 dark:bg-slate-800" />
        <div className="h-4 w-[36rem] max-w-full rounded bg-slate-200 dark:bg-slate-800" />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        {Array.from({ length: 2 }, (_, i) => (
          <div key={i} className="h-28 rounded-lg bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
      {Array.from({ length: 2 }, (_, i) => (
        <div key={i} className="space-y-1 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <div className="h-6 w-48 rounded bg-slate-200 dark:bg-slate-800" />
          {Array.from({ length: 6 }, (_, j) => (
            <div key={j} className="h-4 rounded bg-slate-100 dark:bg-slate-900" />
          ))}
        </div>
      ))}
      <div className="h-40 rounded-lg bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
