// An editor form's current values through the area's zod schema, for the live checker:
// the whole form when it parses, else each field that parses on its own (a half-typed
// form still shows the findings its valid fields already cause).
import { z, type ZodType } from "zod";

export function readFormValues(schema: ZodType, form: HTMLFormElement): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  new FormData(form).forEach((value, key) => {
    data[key] = typeof value === "string" ? value : "";
  });
  const full = schema.safeParse(data);
  if (full.success && typeof full.data === "object" && full.data !== null) return full.data as Record<string, unknown>;
  if (!(schema instanceof z.ZodObject)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, ZodType>)) {
    const parsed = field.safeParse(data[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}
