// Shared by the lib/nix tests: a representative draft of homey, and a small helper that
// evaluates Nix expressions (tests compare serializer output with what Nix makes of it).
import { spawnSync } from "node:child_process";
import type { DraftSnapshot } from "@/lib/model/snapshot";

export const homeySnapshot: DraftSnapshot = {
  services: [
    { name: "nextcloud", enabled: true },
    { name: "grafana", enabled: true },
    { name: "uptime-kuma", enabled: true },
    { name: "attic", enabled: true },
    { name: "eurovote", enabled: false },
  ],
  virtualHosts: [
    { subdomain: "grafana", upstreamHost: "127.0.0.1", upstreamPort: 3002, auth: "authelia" },
    { subdomain: "@", upstreamHost: "127.0.0.1", upstreamPort: 8082, auth: "none" },
    { subdomain: "cloud", upstreamHost: "127.0.0.1", upstreamPort: 8080, auth: "none" },
    { subdomain: "status", upstreamHost: "uptime-kuma", upstreamPort: 3001, auth: "authelia" },
    { subdomain: "admin", upstreamHost: "127.0.0.1", upstreamPort: 3000, auth: "authelia" },
  ],
  accessRules: [
    {
      priority: 65,
      domains: ["cloud"],
      resources: ["^/apps/files_sharing/publicpreview.*$", "^/s/[a-zA-Z0-9]+$"],
      subjects: [],
      policy: "bypass",
      methods: ["GET", "HEAD"],
      networks: [],
    },
    {
      priority: 20,
      domains: ["grafana", "admin"],
      resources: [],
      subjects: [["group:admins"]],
      policy: "two_factor",
      methods: [],
      networks: [],
    },
    { priority: 21, domains: ["grafana", "admin"], resources: [], subjects: [], policy: "deny", methods: [], networks: [] },
    { priority: 0, domains: ["auth"], resources: [], subjects: [], policy: "bypass", methods: [], networks: [] },
    {
      priority: 50,
      domains: ["*"],
      resources: [],
      subjects: [["group:family", "user:anna"], ["group:admins"]],
      policy: "one_factor",
      methods: [],
      networks: ["192.168.1.0/24"],
    },
  ],
  monitors: [
    { name: "Nextcloud", type: "keyword", target: "cloud/status.php", interval: 60, keyword: '"installed":true', maxretries: 3 },
    { name: "Grafana", type: "http", target: "grafana/api/health", interval: 60, keyword: "", maxretries: 2 },
    { name: "Homepage", type: "http", target: "@/", interval: 300, keyword: "", maxretries: 0 },
    { name: "Cloudflare", type: "http", target: "https://www.cloudflare.com/cdn-cgi/trace", interval: 600, keyword: "", maxretries: 1 },
  ],
  backup: {
    extraPaths: ["/var/lib/grafana", "/mnt/data/photos"],
    exclude: ["/mnt/data/media", "*.tmp"],
  },
};

/**
 * `nix-instantiate --eval --strict --json` of an expression; throws with Nix's message.
 * The expression goes through stdin: one argv string is capped at 128 KiB.
 */
export function nixEvalJson(expression: string): unknown {
  const result = spawnSync("nix-instantiate", ["--store", "dummy://", "--eval", "--strict", "--json", "-"], {
    input: expression,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`nix-instantiate failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
