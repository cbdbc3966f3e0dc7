// What the break-glass form says about a refused sign-in. Pure and client-safe: the server
// throws `rateLimitedError(...)` in authorize(), next-auth hands its message to the form as
// signIn()'s `error` (or to /break-glass?error=... without JavaScript), and the form maps it here.
const RATE_LIMITED = /^RateLimited:(\d+)$/;

/** The error code authorize() throws while an address is locked: minutes left, rounded up. */
export function rateLimitedError(retryAfterMs: number): string {
  return `RateLimited:${Math.max(1, Math.ceil(retryAfterMs / 60_000))}`;
}

export function breakGlassErrorMessage(error: string): string {
  const limited = RATE_LIMITED.exec(error);
  if (limited) return `Too many attempts from your address; try again in ${limited[1]} min. Every attempt is audited.`;
  if (error === "CredentialsSignin") {
    return "Wrong password. Every attempt is audited; 5 wrong passwords from one address lock it out for 15 min, then longer each time.";
  }
  return `Sign-in failed (${error.slice(0, 80)}). Check homey-admin's log.`;
}
