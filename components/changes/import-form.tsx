"use client";
// Drift, answer 2: take the repo's values into the draft instead of overwriting them.
import { useActionState } from "react";
import { initialActionResult, type ActionResult } from "@/lib/errors/action-result";
import { ActionResultView } from "./action-result-view";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

export function ImportForm({ action, unavailableReason }: { action: FormAction; unavailableReason: string | null }) {
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  return (
    <form action={formAction} className="space-y-2">
      <button
        type="submit"
        disabled={pending || unavailableReason !== null}
        aria-describedby="import-explained"
        className="min-h-11 w-full rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-60 sm:w-auto dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100 dark:hover:bg-slate-800"
      >
        {pending ? "Importing…" : "Import the repo's values into the draft"}
      </button>
      <p id="import-explained" className="text-xs text-slate-600 dark:text-slate-400">
        {unavailableReason ??
          "Evaluates the generated files with Nix and makes the draft's services, virtual hosts, access rules, monitors and backup paths match them. Draft edits not applied yet are replaced too (the audit log keeps every change). Nothing is committed."}
      </p>
      <ActionResultView result={result} testId="import-error" />
    </form>
  );
}
