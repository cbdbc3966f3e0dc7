// Where a monitor is probed: homey gives every vhost an `http://` twin on loopback (for
// cloudflared), so by default the probe asks http://127.0.0.1 with the monitor's Host —
// seeing exactly what Caddy serves, forward_auth included — or a configured base URL. Pure.
import type { MonitorSnapshot } from "@/lib/model/snapshot";

export const DEFAULT_HEALTH_BASE_URL = "http://127.0.0.1";

export interface ProbeRequest {
  /** What is fetched (base URL + the monitor's path and query). */
  url: string;
  /** The Host header: the monitor's own host. */
  host: string;
  /** The monitor's URL as written, for people. */
  monitorUrl: string;
}

/** "sub/path" → sub.<domain>/path; "@/path" → <domain>/path; an absolute URL stays itself. */
export function monitorUrl(target: string, domain: string): URL {
  if (/^https?:\/\//i.test(target)) return new URL(target);
  const slash = target.indexOf("/");
  const label = slash === -1 ? target : target.slice(0, slash);
  const rest = slash === -1 ? "/" : target.slice(slash);
  const host = label === "@" ? domain : `${label}.${domain}`;
  return new URL(`https://${host}${rest}`);
}

export function probeRequest(monitor: Pick<MonitorSnapshot, "target">, domain: string, baseUrl: string = DEFAULT_HEALTH_BASE_URL): ProbeRequest {
  const wanted = monitorUrl(monitor.target, domain);
  const base = new URL(baseUrl);
  const url = new URL(`${wanted.pathname}${wanted.search}`, base);
  return { url: url.toString(), host: wanted.host, monitorUrl: wanted.toString() };
}

/** The subdomain label a monitor checks ("@" for the apex), or null for a host outside the domain. */
export function monitorSubdomain(target: string, domain: string): string | null {
  const host = monitorUrl(target, domain).hostname;
  if (host === domain) return "@";
  return host.endsWith(`.${domain}`) ? host.slice(0, -(domain.length + 1)) : null;
}
