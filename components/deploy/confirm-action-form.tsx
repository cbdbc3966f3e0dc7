"use client";
// A button that opens a confirmation dialog saying what will happen; the dialog's button
// submits the action. Used for "roll back" and "redeploy this commit". On success the
// action redirects to the new deploy; a refusal is shown next to the button.
import { useActionState, useEffect, useId, useRef } from "react";
import { initialActionResult, type ActionResult } from "@/lib/errors/action-result";
import { DeployResult } from "./deploy-result";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

export function ConfirmActionForm({
  action,
  buttonLabel,
  title,
  children,
  confirmLabel,
  hidden = {},
  disabled = false,
  small = false,
}: {
  action: FormAction;
  buttonLabel: string;
  title: string;
  /** What will happen, in the dialog. */
  children: React.ReactNode;
  confirmLabel: string;
  hidden?: Record<string, string>;
  disabled?: boolean;
  small?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [result, formAction, pending] = useActionState(action, initialActionResult);
  useEffect(() => {
    if (result.message) dialog.current?.close();
  }, [result]);
  return (
    <div className="space-y-2">
      <button
        type="button"
        disabled={disabled}
        onClick={() => dialog.current?.showModal()}
        className={`rounded-md border border-slate-400 font-semibold hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800 ${
          small ? "min-h-9 px-2.5 py-1 text-xs" : "min-h-11 px-4 py-2 text-sm"
        }`}
      >
        {buttonLabel}
      </button>
      <DeployResult result={result} testId="confirm-result" />
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto max-w-md rounded-lg p-6 backdrop:bg-slate-900/60 dark:bg-slate-900 dark:text-slate-100">
        <form action={formAction}>
          <h2 id={titleId} className="text-lg font-bold">
            {title}
          </h2>
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="mt-2 space-y-2 text-sm">{children}</div>
          <div className="mt-6 flex justify-end gap-3">
            <button type="button" onClick={() => dialog.current?.close()} className="min-h-11 rounded-md px-4 py-2 font-medium">
              Keep things as they are
            </button>
            <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-slate-900 px-4 py-2 font-semibold text-white disabled:opacity-60 dark:bg-sky-500 dark:text-slate-950">
              {pending ? "Starting…" : confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
