export default function DeploysLoading() {
  return (
    <div aria-busy="true" aria-label="Loading deploys" className="animate-pulse space-y-4">
      <div className="h-8 w-40 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="h-56 rounded-lg bg-slate-200 dark:bg-slate-800" />
        <div className="h-56 rounded-lg bg-slate-200 dark:bg-slate-800" />
      </div>
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="h-10 rounded bg-slate-200 dark:bg-slate-800" />
      ))}
    </div>
  );
}
