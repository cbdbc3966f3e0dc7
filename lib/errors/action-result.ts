import { AppError, isAppError } from "@/lib/errors/app-error";

/** The one shape every server action returns to its form. Never a raw row. */
export interface ActionResult {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  warnings?: string[];
  /** For version conflicts: field → { mine, theirs } so the form can show what changed. */
  conflict?: { field: string; saved: string; yours: string }[];
  details?: Record<string, unknown>;
}

export const initialActionResult: ActionResult = { ok: false };

export function toActionResult(error: unknown): ActionResult {
  if (isAppError(error)) {
    return {
      ok: false,
      message: error.message,
      fieldErrors: error.fieldErrors,
      conflict: error.details?.conflict as ActionResult["conflict"],
      details: error.details,
    };
  }
  console.error("homey-admin: unexpected error in an action", error);
  return { ok: false, message: "Something went wrong on the server; nothing was saved. The server log has the details." };
}

export function validationError(fieldErrors: Record<string, string[] | undefined>): AppError {
  const clean = Object.fromEntries(Object.entries(fieldErrors).filter(([, v]) => v && v.length)) as Record<string, string[]>;
  return new AppError("VALIDATION", "Some fields need attention; nothing was saved.", undefined, clean);
}
