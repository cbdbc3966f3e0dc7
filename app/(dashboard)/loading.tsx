export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-8 w-56 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200 dark:bg-slate-800" />
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-10 rounded bg-slate-200 dark:bg-slate-800" />
      ))}
    </div>
  );
}
