// What Authelia's configuration validator accepts in a rule's methods, subjects and networks
// (internal/configuration/validator/access_control.go and const.go). Exported for the zod
// schemas, so a form refuses exactly what Authelia would refuse at start-up, and no more.
import { parseNetwork } from "./ip";

/** validACLHTTPMethodVerbs: RFC 7231 + PATCH, then the RFC 4918 (WebDAV) verbs, in Authelia's order. */
export const AUTHELIA_METHODS = [
  "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "OPTIONS",
  "COPY", "LOCK", "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "UNLOCK",
] as const;
export type AutheliaMethod = (typeof AUTHELIA_METHODS)[number];

const METHOD_SET: ReadonlySet<string> = new Set(AUTHELIA_METHODS);

/** Authelia compares methods case-sensitively and refuses duplicates. */
export function methodProblem(method: string): string | null {
  if (METHOD_SET.has(method)) return null;
  if (METHOD_SET.has(method.toUpperCase())) return `Write the method in capitals: ${method.toUpperCase()}.`;
  return `"${method}" is not a method Authelia accepts; use one of ${AUTHELIA_METHODS.join(", ")}.`;
}

export function methodsProblem(methods: readonly string[]): string | null {
  for (const m of methods) {
    const p = methodProblem(m);
    if (p) return p;
  }
  const seen = new Set<string>();
  for (const m of methods) {
    if (seen.has(m)) return `${m} is listed twice; Authelia refuses duplicate methods.`;
    seen.add(m);
  }
  return null;
}

/**
 * IsSubjectValidBasic: "user:NAME" or "group:NAME". (oauth2:client: subjects need OIDC clients,
 * which homey does not define.) Authelia trims spaces around the name and compares it
 * case-sensitively; an empty name would match nobody, and a comma would be read as two items
 * by our form, so both are refused here.
 */
export function subjectProblem(subject: string): string | null {
  const m = /^(user|group):(.*)$/.exec(subject);
  if (!m) {
    if (subject.startsWith("oauth2:client:")) return `"${subject}": OAuth 2.0 client subjects need an OpenID Connect client, which homey does not define.`;
    return `"${subject}" is not a subject; write user:NAME or group:NAME.`;
  }
  const name = m[2].trim();
  if (name === "") return `"${subject}" names no ${m[1]}; write ${m[1]}:NAME.`;
  if (/[\s,]/.test(name)) return `"${subject}": a ${m[1]} name cannot contain spaces or commas (put subjects that must all match on one line, separated by commas).`;
  return null;
}

/**
 * A network entry: an IP address or a CIDR range, v4 or v6 (utils.ParseHostCIDR). A name would
 * refer to definitions.network, which homey does not define, so Authelia would refuse it.
 */
export function networkProblem(entry: string, definedNetworks: readonly string[] = []): string | null {
  if (definedNetworks.includes(entry)) return null;
  const parsed = parseNetwork(entry);
  if (typeof parsed !== "string") return null;
  if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(entry)) {
    return `"${entry}" is not an IP address or CIDR range, and no network definition has that name (homey defines none). Write e.g. 192.168.1.0/24 or fd00::/8.`;
  }
  return `${parsed}. Write an IP address (10.0.0.7, fd00::7) or a CIDR range (192.168.1.0/24, fd00::/8).`;
}
