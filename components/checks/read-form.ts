// An editor form's current values through the area's zod schema, for the live checker:
// the whole form when it parses, else each field that parses on its own (a half-typed
// form still shows the findings its valid fields already cause).
import type { ZodType } from "zod";

export interface FormReading {
  values: Record<string, unknown>;
  /** Fields that do not parse yet (blank, half-typed): their own error comes on submit. */
  invalid: Set<string>;
}

export function readFormValues(schema: ZodType, form: HTMLFormElement): FormReading {
  return readValues(schema, formStrings(form));
}

/** A form's posted fields as strings (files, which no editor has, as ""). */
export function formStrings(form: HTMLFormElement): Record<string, string> {
  const data: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    data[key] = typeof value === "string" ? value : "";
  });
  return data;
}

/** The same reading over values already taken from a form (one section of a larger form). */
export function readValues(schema: ZodType, data: Record<string, unknown>): FormReading {
  const full = schema.safeParse(data);
  if (full.success && typeof full.data === "object" && full.data !== null) return { values: full.data as Record<string, unknown>, invalid: new Set() };
  // An object schema's fields by duck type, not \`instanceof z.ZodObject\`: that would bring zod's
  // runtime into every editor's first-load JS just for this check.
  const shape = "shape" in schema && typeof schema.shape === "object" && schema.shape !== null ? (schema.shape as Record<string, ZodType>) : null;
  if (!shape) return { values: {}, invalid: new Set() };
  const out: FormReading = { values: {}, invalid: new Set() };
  for (const [key, field] of Object.entries(shape)) {
    const parsed = field.safeParse(data[key]);
    if (parsed.success) out.values[key] = parsed.data;
    else out.invalid.add(key);
  }
  return out;
}
