"use client";
// The form every editor is built on: the area's zod schema checked in the browser first (once
// it has loaded, after first paint: components/forms/use-lazy.ts; before that the server
// action, which validates every save, is the judge), the
// server action's answer shown where it belongs — an error summary at the top with focus on
// the first refused field and one-tap fixes, or a version conflict with mine and theirs.
// The form is submitted by hand (not by React's form action), so a refused save never
// resets what the admin typed.
import { Fragment, startTransition, useActionState, useEffect, useId, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import type { ZodType } from "zod";
import type { ActionResult } from "@/lib/errors/action-result";
import { suggestFixes } from "@/lib/model/schemas/suggest-fix";
import { FieldFindingsContext, FindingLines } from "@/components/checks/field-findings";
import { useLiveFindings, type LiveCheck } from "@/components/checks/use-live-findings";
import { ConflictPanel } from "./conflict-panel";
import { ErrorSummary } from "./error-summary";
import { fieldControlId, FieldErrorsContext, FieldFixesContext, FieldIdPrefixContext, type FieldFixes } from "./form-context";
import { FormMessage } from "./form-message";
import { useLazy, type Loader } from "./use-lazy";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
type Errors = Record<string, string[]>;

const NOTHING: ActionResult = { ok: false };
const NO_ERRORS: Errors = {};
const LOCAL_MESSAGE = "Some fields need attention; nothing was saved.";

function stringValues(data: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  data.forEach((value, key) => {
    values[key] = typeof value === "string" ? value : "";
  });
  return values;
}

/** Checks the same zod schema the server action uses, before the form leaves the browser. */
function clientErrors(schema: ZodType, values: Record<string, string>): Errors | null {
  const parsed = schema.safeParse(values);
  if (parsed.success) return null;
  const errors: Errors = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return errors;
}

/** The first control, in the order the admin sees them, whose field was refused. */
function firstFieldInError(form: HTMLFormElement, errors: Errors): HTMLElement | null {
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement)) continue;
    if (element.type === "hidden" || element.disabled || !(element.name in errors)) continue;
    return element;
  }
  return null;
}

function labelText(prefix: string, field: string): string {
  if (typeof document === "undefined") return field;
  const control = document.getElementById(fieldControlId(prefix, field));
  const label = control?.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${CSS.escape(fieldControlId(prefix, field))}"]`);
  return label?.textContent?.trim() || field;
}

export function EntityForm({
  action,
  schema: loadSchema,
  submitLabel,
  check,
  resetKey,
  children,
}: {
  action: FormAction;
  /** The area's schema, loaded after first paint (a module-level loader, so it is stable). */
  schema: Loader<ZodType>;
  submitLabel: string;
  /** The draft and viewer to judge the form against while typing (findings at the fields). */
  check?: LiveCheck;
  /** The row's version: when it changes (after "Take theirs"), the fields start again from the new values. */
  resetKey?: string | number;
  children: React.ReactNode;
}) {
  const idPrefix = useId();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const schema = useLazy(loadSchema);
  const findings = useLiveFindings(formRef, schema, check);
  const [state, formAction, pending] = useActionState(action, NOTHING);
  // Errors found in the browser (null: the last submit passed the schema).
  const [localErrors, setLocalErrors] = useState<Errors | null>(null);
  // What the last submit sent, for the fixes offered at refused fields.
  const [submitted, setSubmitted] = useState<Record<string, string>>({});
  // An answer the admin is done with ("Take theirs").
  const [dismissed, setDismissed] = useState<ActionResult | null>(null);
  // Fields fixed with one tap since these errors came.
  const [fixed, setFixed] = useState<{ of: Errors; names: string[] }>({ of: NO_ERRORS, names: [] });

  const server = state === dismissed ? NOTHING : state;
  const rawErrors: Errors = localErrors ?? server.fieldErrors ?? NO_ERRORS;
  const errors = useMemo(() => {
    if (fixed.of !== rawErrors || fixed.names.length === 0) return rawErrors;
    return Object.fromEntries(Object.entries(rawErrors).filter(([name]) => !fixed.names.includes(name)));
  }, [rawErrors, fixed]);
  const fixes = useMemo(() => (schema ? suggestFixes(schema, submitted, Object.keys(rawErrors)) : {}), [schema, submitted, rawErrors]);
  const conflict = !localErrors && server.conflict && typeof server.details?.currentVersion === "number" ? { rows: server.conflict, version: server.details.currentVersion } : null;

  // After a refused save, focus goes to the first field in error (the summary above says what else).
  useEffect(() => {
    const form = formRef.current;
    if (!form || rawErrors === NO_ERRORS) return;
    firstFieldInError(form, rawErrors)?.focus();
  }, [rawErrors]);

  const send = (data: FormData) => {
    setSubmitted(stringValues(data));
    startTransition(() => formAction(data));
  };

  const fieldFixes: FieldFixes = {
    fixes,
    apply(name, value) {
      const control = document.getElementById(fieldControlId(idPrefix, name));
      if (control instanceof HTMLInputElement && control.type === "checkbox") control.checked = value === "on";
      else if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement || control instanceof HTMLSelectElement) control.value = value;
      if (control instanceof HTMLElement) {
        // The live checker (and a field's own listeners) hear it as if typed.
        control.dispatchEvent(new Event("input", { bubbles: true }));
        control.dispatchEvent(new Event("change", { bubbles: true }));
        control.focus();
      }
      setFixed((previous) => ({ of: rawErrors, names: previous.of === rawErrors ? [...previous.names, name] : [name] }));
    },
  };

  const keepMine = () => {
    const form = formRef.current;
    if (!form || !conflict) return;
    // Saved over the version the other admin left; the server checks that version again.
    const version = form.elements.namedItem("version");
    if (version instanceof HTMLInputElement) version.value = String(conflict.version);
    const data = new FormData(form);
    data.set("version", String(conflict.version));
    send(data);
  };

  const takeTheirs = () => {
    setDismissed(state);
    setLocalErrors(null);
    // The page reads the row again; its new version remounts the fields with the saved values.
    startTransition(() => router.refresh());
  };

  const summaryEntries = Object.entries(errors).map(([name, messages]) => ({ name, messages }));
  const message: ActionResult = localErrors ? { ok: false, message: LOCAL_MESSAGE } : server;

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const found = schema ? clientErrors(schema, stringValues(data)) : null;
        setLocalErrors(found);
        if (found) setSubmitted(stringValues(data));
        else send(data);
      }}
      className="max-w-2xl space-y-5"
    >
      <ErrorSummary entries={summaryEntries} idPrefix={idPrefix} message={message.message ?? LOCAL_MESSAGE} />
      <FieldIdPrefixContext.Provider value={idPrefix}>
        <FieldFindingsContext.Provider value={findings.byField}>
          <FieldErrorsContext.Provider value={errors}>
            <FieldFixesContext.Provider value={fieldFixes}>
              <Fragment key={resetKey}>{children}</Fragment>
            </FieldFixesContext.Provider>
          </FieldErrorsContext.Provider>
        </FieldFindingsContext.Provider>
      </FieldIdPrefixContext.Provider>
      {findings.other.length > 0 && (
        <div aria-live="polite" data-testid="form-findings" className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-800 dark:bg-amber-950">
          <p className="text-sm font-semibold">What the checks say about this draft</p>
          <FindingLines findings={findings.other} />
        </div>
      )}
      {conflict ? (
        <ConflictPanel
          message={server.message ?? "Someone saved this meanwhile."}
          rows={conflict.rows}
          labelOf={(field) => labelText(idPrefix, field)}
          pending={pending}
          onKeepMine={keepMine}
          onTakeTheirs={takeTheirs}
        />
      ) : (
        // With field errors the summary at the top already says it.
        <FormMessage result={summaryEntries.length > 0 ? { ok: message.ok, warnings: message.warnings } : message} />
      )}
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
