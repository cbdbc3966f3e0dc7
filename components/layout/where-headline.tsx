// The one-line "where am I" status (lib/deploy/where.ts) with its next step. The page
// loads the status and passes it in; this only shows it.
import Link from "next/link";
import type { WhereStatus } from "@/lib/deploy/where";

const TONE: Record<WhereStatus["tone"], string> = {
  ok: "border-emerald-500 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  todo: "border-sky-500 bg-sky-50 text-sky-900 dark:bg-sky-950 dark:text-sky-100",
  warn: "border-amber-500 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
};

export function WhereHeadline({ status }: { status: WhereStatus }) {
  return (
    <p className={`rounded-md border-l-4 p-3 text-sm ${TONE[status.tone]}`} data-testid="where-headline" data-kind={status.kind}>
      <span className="font-semibold">{status.headline}</span>
      {status.action && (
        <>
          {" "}
          →{" "}
          <Link href={status.action.href} className="font-semibold underline">
            {status.action.label}
          </Link>
        </>
      )}
      {status.note && <span className="block text-xs opacity-80 sm:ml-2 sm:inline">{status.note}</span>}
    </p>
  );
}
