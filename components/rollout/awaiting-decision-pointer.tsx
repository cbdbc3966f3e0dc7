// "Deploy #N is unhealthy: roll back or keep it → Decide" on the overview and Quick, while the
// running deploy waits for the admin's health decision (lib/rollout/awaiting-decision.ts).
import Link from "next/link";
import type { AwaitingDecision } from "@/lib/rollout/awaiting-decision";

export function AwaitingDecisionPointer({ pending }: { pending: AwaitingDecision | null }) {
  if (!pending) return null;
  return (
    <p
      role="status"
      className="mt-2 rounded-md border-l-4 border-red-500 bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
      data-testid="awaiting-decision"
      data-deploy={pending.deployId}
    >
      <span className="font-semibold">{pending.headline}</span> →{" "}
      <Link href={pending.action.href} className="font-semibold underline">
        {pending.action.label}
      </Link>
    </p>
  );
}
