import Link from "next/link";

/** An editor's not-found: the row's id is not (or no longer) in the draft. */
export function RowNotFound({ what, listHref, listLabel }: { what: string; listHref: string; listLabel: string }) {
  return (
    <div>
      <h1 className="text-2xl font-bold">{what} not found</h1>
      <p className="mt-2">It may have been deleted by another admin.</p>
      <Link href={listHref} className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to {listLabel}
      </Link>
    </div>
  );
}
