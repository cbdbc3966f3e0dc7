"use client";
import { useActionState, useRef } from "react";
import type { ActionResult } from "@/lib/errors/action-result";
import { FormMessage } from "@/components/forms/form-message";
import { removeField, SET_AREAS, SET_LABELS, type ServiceSet } from "@/lib/model/service-set";

/** Delete behind a confirmation dialog that says what will happen. */
export function DeleteRow({
  action,
  version,
  what,
  consequences,
  set,
}: {
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  version: number;
  what: string;
  consequences?: string[];
  /** Services: the rows of its set, each offered for removal with it (ticked). */
  set?: ServiceSet;
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
      <dialog ref={dialog} aria-labelledby="delete-title" className="m-auto max-h-[90dvh] w-[calc(100%-2rem)] max-w-md overflow-y-auto rounded-lg p-6 backdrop:bg-slate-900/60 dark:bg-slate-900 dark:text-slate-100">
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
          {set && <SetChoice set={set} />}
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

/** What goes with the service: ticked rows are deleted, the rest kept (linked ones unlinked). */
function SetChoice({ set }: { set: ServiceSet }) {
  const groups = SET_AREAS.filter((area) => set[area].length > 0);
  if (groups.length === 0) return null;
  return (
    <fieldset className="mt-4 space-y-3 text-sm" data-testid="delete-set">
      <legend className="font-medium">Remove with it</legend>
      {/* Tells the action that the ticks below are the whole choice (none ticked = keep all). */}
      <input type="hidden" name="set" value="1" />
      {groups.map((area) => (
        <div key={area}>
          <p className="text-slate-600 dark:text-slate-400">{SET_LABELS[area]}</p>
          <ul>
            {set[area].map((item) => (
              <li key={item.id}>
                <label className="flex min-h-11 items-center gap-3">
                  <input type="checkbox" name={removeField(area)} value={item.id} defaultChecked className="h-5 w-5 shrink-0 rounded border-slate-400" />
                  <span className="break-all">{item.label}</span>
                </label>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="text-slate-600 dark:text-slate-400">Unticked vhosts, monitors and backup paths stay in the draft without a service; unticked rules stay as they are.</p>
    </fieldset>
  );
}
