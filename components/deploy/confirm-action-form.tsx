"use client";
// A button that opens a confirmation dialog saying what will happen; the dialog's button
// submits the action. Used for "roll back", "redeploy this commit" and "cancel deploy". A
// refusal is shown next to the button; a success redirects, or (cancel) locks the button.
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
  danger = false,
  dismissLabel = "Keep things as they are",
  pendingLabel = "Starting…",
  doneLabel,
  testId = "confirm-result",
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
  /** Red buttons, for actions that stop or remove something. */
  danger?: boolean;
  dismissLabel?: string;
  pendingLabel?: string;
  /** Shown on the (then disabled) button after the action succeeded without leaving the page. */
  doneLabel?: string;
  testId?: string;
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
        disabled={disabled || pending || (doneLabel !== undefined && result.ok)}
        onClick={() => dialog.current?.showModal()}
        className={`rounded-md border font-semibold disabled:opacity-60 ${
          danger
            ? "border-red-600 text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
            : "border-slate-400 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        } ${small ? "min-h-9 px-2.5 py-1 text-xs" : "min-h-11 px-4 py-2 text-sm"}`}
      >
        {doneLabel !== undefined && result.ok ? doneLabel : buttonLabel}
      </button>
      <DeployResult result={result} testId={testId} />
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
              {dismissLabel}
            </button>
            <button
              type="submit"
              disabled={pending}
              className={`min-h-11 rounded-md px-4 py-2 font-semibold disabled:opacity-60 ${
                danger ? "bg-red-700 text-white" : "bg-slate-900 text-white dark:bg-sky-500 dark:text-slate-950"
              }`}
            >
              {pending ? pendingLabel : confirmLabel}
            </button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
