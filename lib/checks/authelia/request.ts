// The "object" Authelia matches a rule against (authorization.NewObject): the host without
// port, the cleaned path plus "?" and the raw query (utils.URLPathFullClean), and the method.

export interface RequestObject {
  /** url.URL.Hostname(): the host without port or IPv6 brackets, case kept (matching folds it). */
  domain: string;
  /** What resources are matched against, e.g. "/api/v1?x=1". */
  path: string;
  method: string;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Go's url.PathUnescape (path mode): %XX → byte, decoded as UTF-8; null when an escape is malformed. */
function unescapePath(raw: string): string | null {
  if (!raw.includes("%")) return raw;
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "%") {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of utf8.encode(c)) bytes.push(b);
    }
  }
  return fromUtf8.decode(Uint8Array.from(bytes));
}

/** Go's path.Clean for the rooted paths a request carries. */
export function cleanPath(p: string): string {
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(seg);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

/** utils.URLPathFullClean over an already-decoded path and a raw query. */
export function fullCleanPath(path: string, rawQuery: string): string {
  const trailing = path.length > 1 && path.endsWith("/");
  if (path.length === 1 && rawQuery === "") return path;
  const cleaned = cleanPath(path);
  if (path.length === 1) return `${cleaned}?${rawQuery}`;
  if (rawQuery !== "" && trailing) return `${cleaned}/?${rawQuery}`;
  if (rawQuery !== "") return `${cleaned}?${rawQuery}`;
  if (trailing) return `${cleaned}/`;
  return cleaned;
}

/** url.URL.Hostname(). */
export function hostname(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end === -1 ? host.slice(1) : host.slice(1, end);
  }
  const colon = host.indexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}

export interface ObjectInput {
  host: string;
  /** As sent (may be percent-encoded); "" is read as "/". */
  path?: string;
  /** The raw query, without "?". */
  query?: string;
  method?: string;
}

export type ObjectResult = { ok: true; object: RequestObject } | { ok: false; reason: string };

export function requestObject(input: ObjectInput): ObjectResult {
  const rawPath = input.path === undefined || input.path === "" ? "/" : input.path.startsWith("/") ? input.path : `/${input.path}`;
  const decoded = unescapePath(rawPath);
  if (decoded === null) return { ok: false, reason: `The path "${rawPath}" has a malformed %-escape; Authelia would refuse the request.` };
  return {
    ok: true,
    object: {
      domain: hostname(input.host.trim()),
      path: fullCleanPath(decoded, input.query ?? ""),
      method: (input.method ?? "GET").toUpperCase(),
    },
  };
}

/** "https://host:port/path?query#frag" → its parts, without normalising anything (Go keeps the raw path). */
export function splitUrl(url: string): { scheme: string; host: string; path: string; query: string } | null {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(url.trim());
  if (!m) return null;
  const host = m[2].includes("@") ? m[2].slice(m[2].lastIndexOf("@") + 1) : m[2];
  return { scheme: m[1].toLowerCase(), host, path: m[3] === "" ? "/" : m[3], query: m[4] ?? "" };
}
