import "server-only";
import { headers } from "next/headers";
import { forbidden, unauthorized } from "next/navigation";
import { getServerSession } from "next-auth";
import { adminGroup, isDemoMode, proxySecret, proxySecretHeader, trustedProxies } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { breakGlassEnabled, breakGlassOptions } from "./break-glass";
import { identityFromHeaders, isAdmin, type Identity, type TrustResult } from "./trust";

export const DEMO_IDENTITY: Identity = {
  user: "demo",
  groups: ["admins"],
  name: "Demo Admin",
  email: "demo@homey.invalid",
  source: "demo",
};

export type Viewer =
  | { status: "admin"; identity: Identity }
  | { status: "forbidden"; identity: Identity; group: string }
  | { status: "anonymous"; reason: string };

async function resolveTrust(): Promise<TrustResult> {
  if (isDemoMode()) return { kind: "identity", identity: DEMO_IDENTITY };
  const fromProxy = identityFromHeaders(await headers(), {
    trustedProxies: trustedProxies(),
    secret: proxySecret(),
    secretHeader: proxySecretHeader(),
  });
  if (fromProxy.kind !== "anonymous" || !breakGlassEnabled()) return fromProxy;
  const session = await getServerSession(breakGlassOptions());
  const user = session?.user?.name;
  if (!user) return fromProxy;
  return {
    kind: "identity",
    identity: { user, groups: [adminGroup()], name: user, email: "", source: "break-glass" },
  };
}

export async function getViewer(): Promise<Viewer> {
  const trust = await resolveTrust();
  if (trust.kind !== "identity") return { status: "anonymous", reason: trust.reason };
  const group = adminGroup();
  return isAdmin(trust.identity, group)
    ? { status: "admin", identity: trust.identity }
    : { status: "forbidden", identity: trust.identity, group };
}

/** For server actions and route handlers: every mutation calls this first. */
export async function requireAdmin(): Promise<Identity> {
  const viewer = await getViewer();
  if (viewer.status === "admin") return viewer.identity;
  if (viewer.status === "forbidden") {
    throw new AppError("FORBIDDEN", `Only members of the "${viewer.group}" group can change homey.`);
  }
  throw new AppError("UNAUTHENTICATED", "Sign in through Authelia (admin.<your domain>) to use homey-admin.");
}

/** For pages: renders app/unauthorized.tsx (401) or app/forbidden.tsx (403) instead. */
export async function requireAdminPage(): Promise<Identity> {
  const viewer = await getViewer();
  if (viewer.status === "admin") return viewer.identity;
  if (viewer.status === "forbidden") forbidden();
  unauthorized();
}

/** How an admin is named in audit events and commits. */
export function actorName(identity: Identity): string {
  return identity.source === "break-glass" ? `${identity.user} (break-glass)` : identity.user;
}
