"use client";
import { useContext, useId } from "react";
import { FindingLines, useFieldFindings } from "@/components/checks/field-findings";
import { fieldControlId, FieldIdPrefixContext, useFieldErrors, useFieldFix } from "./form-context";

interface BaseProps {
  name: string;
  label: string;
  hint?: string;
}

/** What every control gets so its label, hint and error are announced with it. */
interface ControlProps {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

/** The id of a field's control: by name inside an EntityForm (the error summary links to it). */
function useControlId(name: string): string {
  const own = useId();
  const prefix = useContext(FieldIdPrefixContext);
  return prefix === null ? `${own}-input` : fieldControlId(prefix, name);
}

/** "use /var/lib/jellyfin": the refused value's obvious fix, taken with one tap. */
function FixButton({ name }: { name: string }) {
  const { fix, apply } = useFieldFix(name);
  if (fix === undefined) return null;
  return (
    <button
      type="button"
      onClick={() => apply(fix)}
      className="mt-1 inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      data-testid="field-fix"
    >
      use <span className="ml-1 font-mono break-all">{fix}</span>
    </button>
  );
}

/**
 * What every field shows below its control — hint, error, the error's one-tap fix, the
 * checker's findings — with the ids its control must name in aria-describedby.
 */
function useFieldNotes(name: string, hint: string | undefined, options: { readOnly?: boolean } = {}) {
  const id = useId();
  const controlId = useControlId(name);
  const errors = useFieldErrors(name);
  const findings = useFieldFindings(name);
  const fixer = useFieldFix(name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const findingsId = `${id}-findings`;
  const hasErrors = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null, findings.length ? findingsId : null].filter(Boolean).join(" ") || undefined;
  const notes = (
    <>
      {hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {hasErrors && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400" data-field-error>
          {errors!.join(" ")}
        </p>
      )}
      {hasErrors && !options.readOnly && <FixButton name={name} />}
      <div aria-live="polite">
        <FindingLines id={findingsId} findings={findings} onFix={options.readOnly ? undefined : fixer.apply} />
      </div>
    </>
  );
  return { controlId, hasErrors, describedBy, notes };
}

/** Label above, hint and error below, ids wired with aria-describedby. */
function LabelledField({ name, label, hint, children }: BaseProps & { children: (control: ControlProps) => React.ReactNode }) {
  const { controlId, hasErrors, describedBy, notes } = useFieldNotes(name, hint);
  return (
    <div>
      <label htmlFor={controlId} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id: controlId, name, "aria-invalid": hasErrors ? true : undefined, "aria-describedby": describedBy })}
      {notes}
    </div>
  );
}

export function TextField(props: BaseProps & { defaultValue?: string | number; type?: string; required?: boolean; inputMode?: "numeric" | "text" }) {
  return (
    <LabelledField {...props}>
      {(control) => (
        <input
          {...control}
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          defaultValue={props.defaultValue}
          required={props.required}
          className={inputClass}
        />
      )}
    </LabelledField>
  );
}

export function TextAreaField(props: BaseProps & { defaultValue?: string; rows?: number }) {
  return (
    <LabelledField {...props}>
      {(control) => <textarea {...control} rows={props.rows ?? 3} defaultValue={props.defaultValue} className={`${inputClass} font-mono text-sm`} />}
    </LabelledField>
  );
}

export function SelectField(
  props: BaseProps & {
    defaultValue?: string | number | null;
    options: { value: string | number; label: string }[];
    onChange?: (event: React.ChangeEvent<HTMLSelectElement>) => void;
  },
) {
  return (
    <LabelledField {...props}>
      {(control) => (
        <select {...control} defaultValue={props.defaultValue ?? ""} onChange={props.onChange} className={inputClass}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

/**
 * A choice between a few options as radio buttons, each with its label and a line of
 * explanation: readable on a phone, where a select shows only a truncated label.
 */
export function RadioGroupField(
  props: BaseProps & {
    defaultValue?: string;
    options: { value: string; label: string; description?: string }[];
    onChange?: (value: string) => void;
  },
) {
  const { controlId, hasErrors, describedBy, notes } = useFieldNotes(props.name, props.hint);
  return (
    <fieldset aria-describedby={describedBy} aria-invalid={hasErrors ? true : undefined}>
      <legend className="block text-sm font-medium">{props.label}</legend>
      <div className="mt-1 grid gap-2">
        {props.options.map((option, i) => (
          <label
            key={option.value}
            className="flex min-h-11 cursor-pointer items-start gap-3 rounded-md border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-sky-600 has-[:checked]:bg-sky-50 dark:border-slate-700 dark:bg-slate-900 dark:has-[:checked]:bg-sky-950"
          >
            <input
              // The first option carries the field's id, so the error summary can focus the group.
              id={i === 0 ? controlId : undefined}
              type="radio"
              name={props.name}
              value={option.value}
              defaultChecked={props.defaultValue === option.value}
              onChange={(event) => event.currentTarget.checked && props.onChange?.(option.value)}
              className="mt-1 h-5 w-5 shrink-0"
            />
            <span className="text-sm">
              <span className="block font-medium">{option.label}</span>
              {option.description && <span className="block text-slate-600 dark:text-slate-400">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {notes}
    </fieldset>
  );
}

export function CheckboxField(props: BaseProps & { defaultChecked?: boolean; disabled?: boolean; onChange?: (event: React.ChangeEvent<HTMLInputElement>) => void }) {
  const { controlId, hasErrors, describedBy, notes } = useFieldNotes(props.name, props.hint, { readOnly: props.disabled });
  return (
    <div>
      <div className="flex min-h-11 items-center gap-3">
        <input
          id={controlId}
          name={props.name}
          type="checkbox"
          defaultChecked={props.defaultChecked}
          disabled={props.disabled}
          aria-invalid={hasErrors ? true : undefined}
          aria-describedby={describedBy}
          onChange={props.onChange}
          className="h-5 w-5 rounded border-slate-400"
        />
        <label htmlFor={controlId} className="text-sm font-medium">
          {props.label}
        </label>
      </div>
      {notes}
    </div>
  );
}
