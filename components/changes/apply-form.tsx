"use client";
// Apply: an editable commit message (the summary by default) and one button. Stays mounted
// after a successful Apply, so the new commit SHA remains visible in the empty state.
// The action state lives in ApplyProvider, shared with the Apply button at the top.
import { FindingsList, type FindingItem } from "@/components/checks/findings-list";
import { ActionResultView } from "./action-result-view";
import { APPLY_FORM_ID, LOCKOUT_INPUT_ID, useApply } from "./apply-context";
import { applyLabel } from "./apply-label";

export function ApplyForm({
  defaultMessage,
  nothingToApply,
  blockedReason,
  pushesTo,
  findings = [],
  lockoutConfirm = null,
}: {
  defaultMessage: string;
  nothingToApply: boolean;
  /** Why Apply cannot run now (dirty tree, Nix errors); null when it can. */
  blockedReason: string | null;
  /** The remote Apply pushes to, if any. */
  pushesTo?: string;
  /** The checker's findings on the draft, errors first (warnings never block). */
  findings?: FindingItem[];
  /** Every error is a lockout finding: the host name to type to commit anyway. */
  lockoutConfirm?: string | null;
}) {
  const { result, formAction, pending } = useApply();
  return (
    <form action={formAction} id={APPLY_FORM_ID} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 className="text-lg font-semibold">Apply</h2>
      {!nothingToApply && (
        <>
          <div>
            <label htmlFor="commit-message" className="block text-sm font-medium">
              Commit message
            </label>
            <p id="commit-message-hint" className="text-xs text-slate-600 dark:text-slate-400">
              Prefilled with a summary of the changes; edit it freely. homey-admin adds a <code>Homey-Admin: apply</code> trailer.
            </p>
            <textarea
              key={defaultMessage}
              id="commit-message"
              name="message"
              defaultValue={defaultMessage}
              rows={Math.min(12, Math.max(4, defaultMessage.split("\n").length + 1))}
              aria-describedby="commit-message-hint"
              className="mt-1 w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-700 dark:bg-slate-950"
            />
            {/* Unedited → the server recomputes the summary (another admin may have applied meanwhile). */}
            <input type="hidden" name="defaultMessage" value={defaultMessage} />
          </div>
          {findings.length > 0 && (
            <div>
              <h3 className="text-sm font-semibold">What the checks found</h3>
              <FindingsList items={findings} id="apply-findings" />
            </div>
          )}
          {lockoutConfirm && !blockedReason && (
            <div className="rounded-md border-l-4 border-red-600 bg-red-50 p-3 dark:bg-red-950" data-testid="lockout-confirm">
              <p id="lockout-consequence" className="text-sm text-red-900 dark:text-red-100">
                Committing this draft can lock you out: after the deploy, {lockoutConfirm} may no longer let you in, or homey&apos;s proxy or sign-in stops
                (see the errors above). If you are sure, type the host name and Apply commits it anyway; the override is recorded in the audit log.
              </p>
              <label htmlFor={LOCKOUT_INPUT_ID} className="mt-2 block text-sm font-medium">
                Type {lockoutConfirm} to confirm
              </label>
              <input
                id={LOCKOUT_INPUT_ID}
                name="confirmLockout"
                autoComplete="off"
                spellCheck={false}
                aria-describedby="lockout-consequence"
                className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-base dark:border-slate-700 dark:bg-slate-900"
              />
            </div>
          )}
          {blockedReason && (
            <p id="apply-blocked" className="text-sm text-red-800 dark:text-red-300">
              {blockedReason}
            </p>
          )}
          <button
            type="submit"
            disabled={pending || blockedReason !== null}
            aria-describedby={blockedReason ? "apply-blocked" : undefined}
            className="min-h-11 w-full rounded-md bg-slate-900 px-5 py-2 font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:opacity-60 sm:w-auto dark:bg-sky-500 dark:text-slate-950 dark:focus-visible:ring-offset-slate-900"
          >
            {pending ? "Applying…" : applyLabel(pushesTo)}
          </button>
        </>
      )}
      <ActionResultView result={result} testId="apply-result" offerDeploy />
    </form>
  );
}
