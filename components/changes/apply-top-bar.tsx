"use client";
// Apply at the top of the Changes page: the same submit as the button at the bottom (it
// submits that form), so the commit message and the lockout confirmation there count. When
// the confirmation is needed and not typed yet, it takes the admin to it instead.
import { APPLY_FORM_ID, LOCKOUT_INPUT_ID, useApply } from "./apply-context";

export function ApplyTopBar({ label, blockedReason, lockoutConfirm, counts }: { label: string; blockedReason: string | null; lockoutConfirm: string | null; counts: string }) {
  const { pending } = useApply();
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" data-testid="apply-top">
      <p className="text-sm">{counts}</p>
      <button
        type="submit"
        form={APPLY_FORM_ID}
        disabled={pending || blockedReason !== null}
        aria-describedby={blockedReason ? "apply-blocked" : lockoutConfirm ? "apply-top-note" : undefined}
        onClick={(event) => {
          const confirm = document.getElementById(LOCKOUT_INPUT_ID);
          if (lockoutConfirm && confirm instanceof HTMLInputElement && confirm.value.trim() === "") {
            // Not submitted: the confirmation is part of this Apply, so it is typed first.
            event.preventDefault();
            confirm.scrollIntoView({ block: "center" });
            confirm.focus();
            return;
          }
          document.getElementById(APPLY_FORM_ID)?.scrollIntoView({ block: "start" });
        }}
        className="ml-auto min-h-11 rounded-md bg-slate-900 px-5 py-2 font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:opacity-60 dark:bg-sky-500 dark:text-slate-950 dark:focus-visible:ring-offset-slate-900"
      >
        {pending ? "Applying…" : label}
      </button>
      {lockoutConfirm && !blockedReason && (
        <p id="apply-top-note" className="w-full text-sm text-red-800 dark:text-red-300">
          This draft can lock you out: Apply asks you to type {lockoutConfirm} in the Apply section below first.
        </p>
      )}
    </div>
  );
}
