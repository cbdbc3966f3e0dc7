// The outcome of Apply or Import, announced to screen readers: the new commit, or what
// went wrong with the details the server sent (files, Nix errors).
import Link from "next/link";
import type { ActionResult } from "@/lib/errors/action-result";

interface NixErrorDetail {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `offerDeploy`: a new commit comes with the way on to deploying it (Apply). */
export function ActionResultView({ result, testId, offerDeploy = false }: { result: ActionResult; testId: string; offerDeploy?: boolean }) {
  if (!result.message) return <div aria-live="polite" />;
  const tone = result.ok
    ? "border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    : "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";
  const files = Array.isArray(result.details?.files) ? (result.details.files as string[]) : [];
  const nixErrors = Array.isArray(result.details?.errors) ? (result.details.errors as NixErrorDetail[]) : [];
  const sha = typeof result.details?.sha === "string" ? result.details.sha : null;
  return (
    <div aria-live="polite" role={result.ok ? "status" : "alert"} className={`rounded-md border-l-4 p-3 text-sm ${tone}`} data-testid={testId}>
      <p className="font-medium whitespace-pre-line">{result.message}</p>
      {result.warnings?.map((w) => (
        <p key={w} className="mt-1 text-amber-800 dark:text-amber-300">
          Warning: {w}
        </p>
      ))}
      {sha && (
        <p className="mt-1">
          Commit <code className="font-mono font-semibold" data-testid="commit-sha">{sha}</code>
          {offerDeploy && result.ok && (
            <>
              {" "}
              →{" "}
              <Link href="/deploys" className="font-semibold underline" data-testid="deploy-after-apply">
                Deploy {sha.slice(0, 7)}
              </Link>
            </>
          )}
        </p>
      )}
      {files.length > 0 && (
        <ul className="mt-2 list-disc pl-5 font-mono">
          {files.map((f) => (
            <li key={f} className="break-all">
              {f}
            </li>
          ))}
        </ul>
      )}
      {nixErrors.length > 0 && (
        <ul className="mt-2 space-y-1">
          {nixErrors.map((e, i) => (
            <li key={i}>
              <code className="font-mono">
                {e.file}:{e.line}:{e.column}
              </code>{" "}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
