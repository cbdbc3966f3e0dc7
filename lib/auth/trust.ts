// Decides who is asking, from the request headers alone. Pure: the caller passes the
// headers (with x-homey-peer set by server.ts from the socket) and the trust settings.
import { createHash, timingSafeEqual } from "node:crypto";
import { PEER_HEADER } from "./peer";

export interface Identity {
  user: string;
  groups: string[];
  name: string;
  email: string;
  source: "proxy" | "break-glass" | "demo" | "system";
}

export interface TrustSettings {
  trustedProxies: string[];
  /** When set, the proxy must also send it in `secretHeader`. */
  secret?: string;
  secretHeader: string;
}

export type TrustResult =
  | { kind: "identity"; identity: Identity }
  | { kind: "anonymous"; reason: string }
  | { kind: "rejected"; reason: string };

interface HeaderSource {
  get(name: string): string | null;
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Exact address match, or an IPv4 CIDR range. */
export function peerIsTrusted(peer: string, trusted: string[]): boolean {
  if (!peer) return false;
  return trusted.some((entry) => {
    if (!entry.includes("/")) return entry === peer;
    const [base, bitsText] = entry.split("/");
    const bits = Number(bitsText);
    const a = ipv4ToInt(peer);
    const b = ipv4ToInt(base);
    if (a === null || b === null || !(bits >= 0 && bits <= 32)) return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return ((a & mask) >>> 0) === ((b & mask) >>> 0);
  });
}

/**
 * Trims the spaces and tabs HTTP allows around a value (and that ", " lists carry), nothing else.
 * JS trim() would also strip NBSP and other Unicode spaces, so "admins\u00a0" would pass as
 * "admins": names are compared exactly, as Authelia and LDAP do.
 */
export function trimHttpSpaces(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, "");
}

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function identityFromHeaders(headers: HeaderSource, settings: TrustSettings): TrustResult {
  const user = headers.get("remote-user");
  if (user === null) return { kind: "anonymous", reason: "no Remote-User header" };

  const peer = headers.get(PEER_HEADER) ?? "";
  if (!peerIsTrusted(peer, settings.trustedProxies)) {
    return { kind: "anonymous", reason: `Remote-User ignored: ${peer || "unknown peer"} is not a trusted proxy` };
  }
  if (settings.secret !== undefined) {
    const given = headers.get(settings.secretHeader);
    if (given === null || !sameSecret(given, settings.secret)) {
      return { kind: "anonymous", reason: "Remote-User ignored: the proxy secret header is missing or wrong" };
    }
  }
  // Node joins repeated headers with ", "; a user name never contains a comma.
  if (user.includes(",")) return { kind: "rejected", reason: "more than one Remote-User value" };
  const trimmed = trimHttpSpaces(user);
  if (!trimmed) return { kind: "anonymous", reason: "empty Remote-User header" };

  const groups = (headers.get("remote-groups") ?? "")
    .split(",")
    .map(trimHttpSpaces)
    .filter(Boolean);
  return {
    kind: "identity",
    identity: {
      user: trimmed,
      groups,
      name: trimHttpSpaces(headers.get("remote-name") ?? "") || trimmed,
      email: trimHttpSpaces(headers.get("remote-email") ?? ""),
      source: "proxy",
    },
  };
}

export function isAdmin(identity: Identity, adminGroup: string): boolean {
  return identity.groups.includes(adminGroup);
}
