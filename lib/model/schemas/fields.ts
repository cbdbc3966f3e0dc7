// Field types shared by the entity schemas. Each accepts both what a <form> posts
// (strings, "on" for checkboxes, one list item per line) and already-typed values, so the
// same schema validates in the browser and again in the server action.
import { z } from "zod";

export const checkbox = z.preprocess(
  (v) => v === true || v === "on" || v === "true" || v === "1",
  z.boolean(),
);

/** A textarea with one item per line → trimmed, non-empty items. */
export function lineList<T extends z.ZodType<string>>(item: T) {
  return z.preprocess((v) => {
    if (Array.isArray(v)) return v.map((s) => String(s).trim()).filter(Boolean);
    if (typeof v !== "string") return [];
    return v.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  }, z.array(item));
}

export function integer(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
    z
      .number({ error: `${label} must be a whole number between ${min} and ${max}.` })
      .int(`${label} must be a whole number between ${min} and ${max}.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max}.`),
  );
}

/** "" or absent → null; otherwise the id of the service a row belongs to. */
export const optionalServiceId = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v),
  z.number().int().positive().nullable(),
);

const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 8: "backspace", 9: "tab", 10: "line break", 13: "carriage return", 27: "escape", 127: "DEL" };

/**
 * What is wrong with text that contains a control character (C0 or DEL), or null. Such a
 * character is invisible in the form, yet it would reach the rendered Nix (a NUL even stops
 * every Apply with an error that names no row), so it is refused here, at the field.
 * Multi-line text (notes) keeps tab and line breaks.
 */
export function controlCharProblem(text: string, options: { multiline?: boolean } = {}): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(code < 0x20 || code === 0x7f)) continue;
    if (options.multiline && (code === 9 || code === 10 || code === 13)) continue;
    const name = CONTROL_NAMES[code] ?? "control character";
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return `Contains an invisible ${name} (${hex}) at character ${i + 1}; remove it (it often comes from pasting).`;
  }
  return null;
}

/** A zod refinement refusing control characters, for `.superRefine(...)` on a string field. */
export function noControlChars(options: { multiline?: boolean } = {}) {
  return (text: string, ctx: z.RefinementCtx) => {
    const problem = controlCharProblem(text, options);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };
}

export const note = z
  .string()
  .trim()
  .max(500, "Keep the note under 500 characters.")
  .superRefine(noControlChars({ multiline: true }))
  .default("");

/** DNS label as a subdomain: lowercase letters, digits, inner hyphens; "@" is the apex. */
export const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const subdomain = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => s === "@" || DNS_LABEL.test(s), {
    message:
      "Use a single DNS label: lowercase letters, digits and inner hyphens, up to 63 characters (e.g. grafana), or @ for the bare domain.",
  });

export const version = integer("Version", 1, Number.MAX_SAFE_INTEGER);
export const rowId = integer("Id", 1, Number.MAX_SAFE_INTEGER);
