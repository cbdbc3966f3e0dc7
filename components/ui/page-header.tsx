import Link from "next/link";

export function PageHeader({ title, description, action }: { title: string; description?: string; action?: { href: string; label: string } }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-2xl font-bold">{title}</h1>
        {description && <p className="mt-1 max-w-2xl text-slate-600 dark:text-slate-400">{description}</p>}
      </div>
      {action && (
        <Link href={action.href} className="min-h-11 rounded-md bg-slate-900 px-4 py-2.5 font-semibold text-white dark:bg-sky-500 dark:text-slate-950">
          {action.label}
        </Link>
      )}
    </div>
  );
}
