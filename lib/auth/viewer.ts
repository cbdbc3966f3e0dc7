// Who is asking, decided once from the request: the trusted proxy's headers (peer + secret),
// else a break-glass session, else nobody. Shared by proxy.ts (before anything renders) and
// lib/auth/session.ts (which issues the AdminContext), so the two can never disagree.
import "server-only";
import { adminGroup, isDemoMode, proxySecret, proxySecretHeader, trustedProxies } from "@/lib/config/env";
import { identityFromHeaders, isAdmin, type Identity } from "./trust";

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

interface HeaderSource {
  get(name: string): string | null;
}

/** Reads the break-glass session's user name, or null (no session / break-glass off). */
export type BreakGlassReader = () => Promise<string | null>;

export async function decideViewer(headers: HeaderSource, readBreakGlassUser: BreakGlassReader): Promise<Viewer> {
  const group = adminGroup();
  let identity: Identity;
  if (isDemoMode()) {
    identity = DEMO_IDENTITY;
  } else {
    const trust = identityFromHeaders(headers, { trustedProxies: trustedProxies(), secret: proxySecret(), secretHeader: proxySecretHeader() });
    if (trust.kind === "identity") {
      identity = trust.identity;
    } else {
      const user = trust.kind === "anonymous" ? await readBreakGlassUser() : null;
      if (!user) return { status: "anonymous", reason: trust.reason };
      identity = { user, groups: [group], name: user, email: "", source: "break-glass" };
    }
  }
  return isAdmin(identity, group) ? { status: "admin", identity } : { status: "forbidden", identity, group };
}
