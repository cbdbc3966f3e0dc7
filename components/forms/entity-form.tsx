"use client";
import { useActionState, useRef, useState } from "react";
import type { ZodType } from "zod";
import type { ActionResult } from "@/lib/errors/action-result";
import { FieldFindingsContext, FindingLines } from "@/components/checks/field-findings";
import { useLiveFindings, type LiveCheck } from "@/components/checks/use-live-findings";
import { FieldErrorsContext } from "./form-context";
import { FormMessage } from "./form-message";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

/** Checks the same zod schema the server action uses, before the form leaves the browser. */
function clientErrors(schema: ZodType, form: HTMLFormElement): Record<string, string[]> | null {
  const data: Record<string, unknown> = {};
  new FormData(form).forEach((value, key) => {
    data[key] = typeof value === "string" ? value : "";
  });
  const parsed = schema.safeParse(data);
  if (parsed.success) return null;
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return errors;
}

export function EntityForm({
  action,
  schema,
  submitLabel,
  check,
  children,
}: {
  action: FormAction;
  schema: ZodType;
  submitLabel: string;
  /** The draft and viewer to judge the form against while typing (findings at the fields). */
  check?: LiveCheck;
  children: React.ReactNode;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const findings = useLiveFindings(formRef, schema, check);
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [localErrors, setLocalErrors] = useState<Record<string, string[]> | null>(null);
  const errors = localErrors ?? state.fieldErrors ?? {};
  const shown: ActionResult = localErrors ? { ok: false, message: "Some fields need attention; nothing was saved." } : state;

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      onSubmit={(event) => {
        const found = clientErrors(schema, event.currentTarget);
        setLocalErrors(found);
        if (found) event.preventDefault();
      }}
      className="max-w-2xl space-y-5"
    >
      <FieldFindingsContext.Provider value={findings.byField}>
        <FieldErrorsContext.Provider value={errors}>{children}</FieldErrorsContext.Provider>
      </FieldFindingsContext.Provider>
      {findings.other.length > 0 && (
        <div aria-live="polite" data-testid="form-findings" className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="text-sm font-semibold">What the checks say about this draft</p>
          <FindingLines findings={findings.other} />
        </div>
      )}
      <FormMessage result={shown} />
      <button
        type="submit"
        disabled={pending}
        className="min-h-11 rounded-md bg-slate-900 px-5 py-2 font-semibold text-white disabled:opacity-60 dark:bg-sky-500 dark:text-slate-950"
      >
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
