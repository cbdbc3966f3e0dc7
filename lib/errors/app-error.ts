// One error type with codes: mapped once to HTTP status (httpStatus) and once to the
// ActionResult the forms show (toActionResult in lib/actions/result.ts).
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "VALIDATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "VERSION_CONFLICT"
  | "PROTECTED"
  | "REPO_DIRTY"
  | "REPO_DIVERGED"
  | "REPO_FAILED"
  | "NIX_INVALID"
  | "CHECK_FAILED"
  | "NIX_UNAVAILABLE"
  | "DEPLOY_BUSY"
  | "DEPLOY_CONFIG"
  | "RATE_LIMITED"
  | "INTERNAL";

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  PROTECTED: 409,
  REPO_DIRTY: 409,
  REPO_DIVERGED: 409,
  REPO_FAILED: 500,
  NIX_INVALID: 422,
  CHECK_FAILED: 422,
  NIX_UNAVAILABLE: 503,
  DEPLOY_BUSY: 409,
  DEPLOY_CONFIG: 500,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

// instrumentation.ts is bundled apart from the routes, so the deploy runner it creates throws
// AppErrors of another copy of this class: a registered symbol recognises them all.
const APP_ERROR_BRAND = Symbol.for("homey-admin.AppError");

export class AppError extends Error {
  readonly [APP_ERROR_BRAND] = true;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Extra facts for the UI (changed fields, file list, running deploy id, ...). */
    readonly details?: Record<string, unknown>,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get httpStatus(): number {
    return STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && (e as Record<symbol, unknown>)[APP_ERROR_BRAND] === true;
}
