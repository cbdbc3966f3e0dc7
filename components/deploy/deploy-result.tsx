// What came back from a deploy action: a refusal because another deploy runs (with a link
// to it), the deploy settings' problems one per line, or any other message.
import Link from "next/link";
import type { ActionResult } from "@/lib/errors/action-result";

export function DeployResult({ result, testId = "deploy-result" }: { result: ActionResult; testId?: string }) {
  if (!result.message) return <div aria-live="polite" />;
  const runningId = typeof result.details?.deployId === "number" ? result.details.deployId : null;
  const problems = Array.isArray(result.details?.problems) ? (result.details.problems as string[]) : [];
  const tone = result.ok
    ? "border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    : "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";
  return (
    <div aria-live="polite" role={result.ok ? "status" : "alert"} className={`rounded-md border-l-4 p-3 text-sm ${tone}`} data-testid={testId}>
      {problems.length > 0 ? (
        <>
          <p className="font-medium">The deploy settings are incomplete or invalid; nothing was started.</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="font-medium">{result.message}</p>
      )}
      {runningId !== null && (
        <p className="mt-1">
          <Link href={`/deploys/${runningId}`} className="font-semibold underline">
            Watch deploy #{runningId}
          </Link>
        </p>
      )}
      {result.fieldErrors &&
        Object.entries(result.fieldErrors).map(([field, messages]) => (
          <p key={field} className="mt-1">
            {field}: {messages.join(" ")}
          </p>
        ))}
    </div>
  );
}
