// Which services homey cannot run without, and why. Protection is set here and by the seed,
// never by a form: the write path (lib/model/write-path.ts) refuses to switch these off,
// rename, unprotect or delete them, whichever page or import asks.
import { AppError } from "@/lib/errors/app-error";

export const PROTECTED_SERVICE_NAMES = ["caddy", "authelia", "openldap", "homey-admin"] as const;

/** Why caddy, authelia, openldap and homey-admin cannot be switched off from the dashboard. */
export const PROTECTED_REASON = "homey's proxy, sign-in and this dashboard depend on it";

export function isProtectedName(name: string): boolean {
  return (PROTECTED_SERVICE_NAMES as readonly string[]).includes(name);
}

/** A row is protected when it was seeded so or carries a protected name. */
export function isProtectedService(service: { name: string; protected: boolean }): boolean {
  return service.protected || isProtectedName(service.name);
}

export function protectedOffError(name: string): AppError {
  return new AppError("PROTECTED", `${name} is protected and stays on: ${PROTECTED_REASON}. Switching it off is done in Nix, by hand.`);
}

export function protectedDeleteError(name: string): AppError {
  return new AppError("PROTECTED", `${name} is protected: ${PROTECTED_REASON}, so it cannot be deleted here. Retire it in Nix, by hand.`);
}

export function protectedRenameError(name: string): AppError {
  return new AppError("PROTECTED", `${name} is protected: ${PROTECTED_REASON}, so its name cannot change here.`);
}
