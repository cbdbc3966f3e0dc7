"use client";
import { useActionState, useRef } from "react";
import type { ActionResult } from "@/lib/errors/action-result";
import { FormMessage } from "@/components/forms/form-message";

/** Delete behind a confirmation dialog that says what will happen. */
export function DeleteRow({
  action,
  version,
  what,
  consequences,
  linkedChoice,
}: {
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  version: number;
  what: string;
  consequences?: string[];
  /** Services with linked rows: ask whether to delete them too or keep them unlinked. */
  linkedChoice?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <div className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800">
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="min-h-11 rounded-md border border-red-600 px-4 py-2 font-semibold text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
      >
        Delete {what}…
      </button>
      <FormMessage result={state} />
      <dialog ref={dialog} aria-labelledby="delete-title" className="m-auto max-w-md rounded-lg p-6 backdrop:bg-slate-900/60 dark:bg-slate-900 dark:text-slate-100">
        <form action={formAction}>
          <h2 id="delete-title" className="text-lg font-bold">
            Delete {what}?
          </h2>
          <input type="hidden" name="version" value={version} />
          <p className="mt-2 text-sm">It leaves the draft now; homey changes when you apply and deploy.</p>
          {consequences && consequences.length > 0 && (
            <ul className="mt-3 list-disc pl-5 text-sm">
              {consequences.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          {linkedChoice && (
            <fieldset className="mt-4 space-y-2 text-sm">
              <legend className="font-medium">Linked items</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="linked" value="keep" defaultChecked /> Keep them, unlinked from this service
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="linked" value="delete" /> Delete them too
              </label>
            </fieldset>
          )}
          <div className="mt-6 flex justify-end gap-3">
            <button type="button" onClick={() => dialog.current?.close()} className="min-h-11 rounded-md px-4 py-2 font-medium">
              Cancel
            </button>
            <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-red-700 px-4 py-2 font-semibold text-white disabled:opacity-60">
              {pending ? "Deleting…" : "Delete"}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
