// The skeleton of a list page while its data loads. Only list pages get a loading.tsx: a
// Suspense boundary above an editor would start the response (200) before notFound() can
// answer 404 for an unknown id, so editors ([id]) sit outside every loading boundary.
export function ListSkeleton() {
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
