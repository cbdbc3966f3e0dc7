// What the stand-in's real Caddy logged (lib/demo/standin/caddy.mjs writes its access log as
// JSON lines to <state dir>/upstreams/caddy.log): the tests read which requests went through
// Caddy and what it answered.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface CaddyAccess {
  host: string;
  uri: string;
  userAgent: string;
  /** Caddy 2.6 logs 0 when no handler wrote a status (its implicit empty 200 for an unknown Host). */
  status: number;
}

export function caddyAccessLog(stateDir: string, host?: string): CaddyAccess[] {
  return readFileSync(path.join(stateDir, "upstreams", "caddy.log"), "utf8")
    .split("\n")
    .filter((line) => line.includes('"http.log.access"'))
    .map((line) => JSON.parse(line) as { request: { host: string; uri: string; headers: Record<string, string[]> }; status: number })
    .map((e) => ({ host: e.request.host, uri: e.request.uri, userAgent: e.request.headers["User-Agent"]?.[0] ?? "", status: e.status }))
    .filter((e) => host === undefined || e.host === host);
}

/** Statuses Caddy answered the health gate's own requests to `host` with. */
export function gateStatusesInCaddyLog(stateDir: string, host: string): number[] {
  return caddyAccessLog(stateDir, host)
    .filter((e) => e.userAgent === "homey-admin health gate")
    .map((e) => e.status);
}
