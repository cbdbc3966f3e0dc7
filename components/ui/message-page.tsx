export function MessagePage({ title, code, children }: { title: string; code: string; children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center p-6">
      <p className="text-sm font-semibold text-slate-500">homey-admin · {code}</p>
      <h1 className="mt-2 text-2xl font-bold">{title}</h1>
      <div className="mt-4 text-slate-700 dark:text-slate-300">{children}</div>
    </main>
  );
}
