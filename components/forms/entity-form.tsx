"use client";
import { useActionState, useState } from "react";
import type { ZodType } from "zod";
import type { ActionResult } from "@/lib/errors/action-result";
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
  children,
}: {
  action: FormAction;
  schema: ZodType;
  submitLabel: string;
  children: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [localErrors, setLocalErrors] = useState<Record<string, string[]> | null>(null);
  const errors = localErrors ?? state.fieldErrors ?? {};
  const shown: ActionResult = localErrors ? { ok: false, message: "Some fields need attention; nothing was saved." } : state;

  return (
    <form
      action={formAction}
      noValidate
      onSubmit={(event) => {
        const found = clientErrors(schema, event.currentTarget);
        setLocalErrors(found);
        if (found) event.preventDefault();
      }}
      className="max-w-2xl space-y-5"
    >
      <FieldErrorsContext.Provider value={errors}>{children}</FieldErrorsContext.Provider>
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
