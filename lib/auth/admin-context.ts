// The one capability that opens the draft, the audit log, the repo and the deploys. Every
// data-access function takes an AdminContext first; only the auth layer can issue one
// (lib/auth/session.ts after the trust decision, the startup/seed path as the system, and
// the test helpers). The brand makes a hand-made object a type error; the registry makes a
// forged one (a cast) fail at run time, so a page that forgets the check cannot reach data.
import "server-only";
import type { PrismaClient } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Identity } from "./trust";

declare const adminContextBrand: unique symbol;

export interface AdminContext {
  readonly identity: Identity;
  /** How the admin is named in audit events and commits. */
  readonly actor: string;
  /** The admin's display name for the audit log ("Demo Admin"), or null when only the user name is known. */
  readonly actorName: string | null;
  readonly db: PrismaClient;
  readonly [adminContextBrand]: true;
}

// Module state lives on globalThis: instrumentation.ts and the routes are bundled apart.
const registry = ((globalThis as { homeyAdminContexts?: WeakSet<object> }).homeyAdminContexts ??= new WeakSet<object>());

/** How an admin is named in audit events and commits. */
export function actorName(identity: Identity): string {
  return identity.source === "break-glass" ? `${identity.user} (break-glass)` : identity.user;
}

/**
 * The display name worth storing: Authelia's Remote-Name (trusted exactly when Remote-User
 * is, lib/auth/trust.ts) or the demo identity's; null when it is just the user name again.
 */
export function actorDisplayName(identity: Identity): string | null {
  if (identity.source !== "proxy" && identity.source !== "demo") return null;
  const name = identity.name.trim();
  return name && name !== identity.user ? name : null;
}

/** Restricted by lint to lib/auth/session.ts, lib/startup.ts, lib/demo and test helpers. */
export function issueAdminContext(identity: Identity, db: PrismaClient): AdminContext {
  const context = Object.freeze({ identity, actor: actorName(identity), actorName: actorDisplayName(identity), db }) as AdminContext;
  registry.add(context);
  return context;
}

/** The system acting on its own (first-start seed): named in the audit log as such. */
export function systemContext(db: PrismaClient, name: string): AdminContext {
  return issueAdminContext({ user: name, groups: [], name, email: "", source: "system" }, db);
}

/** Throws unless the context was issued by this module: a cast cannot stand in for the check. */
export function assertAdmin(context: AdminContext): AdminContext {
  if (typeof context !== "object" || context === null || !registry.has(context)) {
    throw new AppError("UNAUTHENTICATED", "Sign in through Authelia (admin.<your domain>) to use homey-admin.");
  }
  return context;
}
