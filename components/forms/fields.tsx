"use client";
import { useId } from "react";
import { useFieldErrors } from "./form-context";

interface BaseProps {
  name: string;
  label: string;
  hint?: string;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

function useFieldIds(name: string) {
  const id = useId();
  const errors = useFieldErrors(name);
  return { inputId: `${id}-input`, hintId: `${id}-hint`, errorId: `${id}-error`, errors };
}

function Described({ hint, hintId, errors, errorId }: { hint?: string; hintId: string; errors?: string[]; errorId: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {errors && errors.length > 0 && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700 dark:text-red-400" data-field-error>
          {errors.join(" ")}
        </p>
      )}
    </>
  );
}

function describedBy(hint: string | undefined, errors: string[] | undefined, hintId: string, errorId: string) {
  return [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ") || undefined;
}

export function TextField(props: BaseProps & { defaultValue?: string | number; type?: string; required?: boolean; inputMode?: "numeric" | "text" }) {
  const { inputId, hintId, errorId, errors } = useFieldIds(props.name);
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium">
        {props.label}
      </label>
      <input
        id={inputId}
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        defaultValue={props.defaultValue}
        required={props.required}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(props.hint, errors, hintId, errorId)}
        className={inputClass}
      />
      <Described hint={props.hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}

export function TextAreaField(props: BaseProps & { defaultValue?: string; rows?: number }) {
  const { inputId, hintId, errorId, errors } = useFieldIds(props.name);
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium">
        {props.label}
      </label>
      <textarea
        id={inputId}
        name={props.name}
        rows={props.rows ?? 3}
        defaultValue={props.defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(props.hint, errors, hintId, errorId)}
        className={`${inputClass} font-mono text-sm`}
      />
      <Described hint={props.hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}

export function SelectField(
  props: BaseProps & { defaultValue?: string | number | null; options: { value: string | number; label: string }[] },
) {
  const { inputId, hintId, errorId, errors } = useFieldIds(props.name);
  return (
    <div>
      <label htmlFor={inputId} className="block text-sm font-medium">
        {props.label}
      </label>
      <select
        id={inputId}
        name={props.name}
        defaultValue={props.defaultValue ?? ""}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(props.hint, errors, hintId, errorId)}
        className={inputClass}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Described hint={props.hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}

export function CheckboxField(props: BaseProps & { defaultChecked?: boolean; disabled?: boolean }) {
  const { inputId, hintId, errorId, errors } = useFieldIds(props.name);
  return (
    <div>
      <div className="flex min-h-11 items-center gap-3">
        <input
          id={inputId}
          name={props.name}
          type="checkbox"
          defaultChecked={props.defaultChecked}
          disabled={props.disabled}
          aria-describedby={describedBy(props.hint, errors, hintId, errorId)}
          className="h-5 w-5 rounded border-slate-400"
        />
        <label htmlFor={inputId} className="text-sm font-medium">
          {props.label}
        </label>
      </div>
      <Described hint={props.hint} hintId={hintId} errors={errors} errorId={errorId} />
    </div>
  );
}
