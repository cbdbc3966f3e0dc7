"use client";
import { useId } from "react";
import { FindingLines, useFieldFindings } from "@/components/checks/field-findings";
import { useFieldErrors } from "./form-context";

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

/** Label above, hint and error below, ids wired with aria-describedby. */
function LabelledField({ name, label, hint, children }: BaseProps & { children: (control: ControlProps) => React.ReactNode }) {
  const id = useId();
  const errors = useFieldErrors(name);
  const findings = useFieldFindings(name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const findingsId = `${id}-findings`;
  const hasErrors = Boolean(errors?.length);
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null, findings.length ? findingsId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={`${id}-input`} className="block text-sm font-medium">
        {label}
      </label>
      {children({ id: `${id}-input`, name, "aria-invalid": hasErrors ? true : undefined, "aria-describedby": describedBy })}
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
      <div aria-live="polite">
        <FindingLines id={findingsId} findings={findings} />
      </div>
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
  props: BaseProps & { defaultValue?: string | number | null; options: { value: string | number; label: string }[] },
) {
  return (
    <LabelledField {...props}>
      {(control) => (
        <select {...control} defaultValue={props.defaultValue ?? ""} className={inputClass}>
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

export function CheckboxField(props: BaseProps & { defaultChecked?: boolean; disabled?: boolean; onChange?: (event: React.ChangeEvent<HTMLInputElement>) => void }) {
  const id = useId();
  const errors = useFieldErrors(props.name);
  const findings = useFieldFindings(props.name);
  const hintId = `${id}-hint`;
  const findingsId = `${id}-findings`;
  const describedBy = [props.hint ? hintId : null, findings.length ? findingsId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <div className="flex min-h-11 items-center gap-3">
        <input
          id={`${id}-input`}
          name={props.name}
          type="checkbox"
          defaultChecked={props.defaultChecked}
          disabled={props.disabled}
          aria-describedby={describedBy}
          onChange={props.onChange}
          className="h-5 w-5 rounded border-slate-400"
        />
        <label htmlFor={`${id}-input`} className="text-sm font-medium">
          {props.label}
        </label>
      </div>
      {props.hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          {props.hint}
        </p>
      )}
      {errors?.length ? <p className="mt-1 text-sm font-medium text-red-700 dark:text-red-400">{errors.join(" ")}</p> : null}
      <div aria-live="polite">
        <FindingLines id={findingsId} findings={findings} />
      </div>
    </div>
  );
}
