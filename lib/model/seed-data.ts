// homey as it is today (from the homey seed document): what an empty database starts from.
// Everything is domain-relative; the domain itself comes from HOMEY_DOMAIN.
import type { AccessRuleInput } from "./schemas/access-rule";
import type { ServiceKind } from "./snapshot";

export interface SeedService {
  name: string;
  title: string;
  description: string;
  kind: ServiceKind;
  protected?: boolean;
  stateDir?: string;
  vhost?: { subdomain: string; port: number; auth: "authelia" | "none" };
}

export const SEED_SERVICES: SeedService[] = [
  { name: "caddy", title: "Caddy", description: "Reverse proxy with the Cloudflare DNS-01 wildcard certificate.", kind: "native", protected: true, stateDir: "/var/lib/caddy" },
  { name: "authelia", title: "Authelia", description: "Single sign-on with TOTP, in front of every admin page.", kind: "container", protected: true, stateDir: "/var/lib/authelia", vhost: { subdomain: "auth", port: 9091, auth: "none" } },
  { name: "openldap", title: "OpenLDAP", description: "User directory behind Authelia.", kind: "native", protected: true, stateDir: "/var/lib/openldap" },
  { name: "homey-admin", title: "homey-admin", description: "This dashboard.", kind: "native", protected: true, stateDir: "/var/lib/homey-admin", vhost: { subdomain: "admin", port: 3000, auth: "authelia" } },
  { name: "cloudflared", title: "Cloudflare Tunnel", description: "Reaches the http:// loopback vhosts from outside.", kind: "native" },
  { name: "prometheus", title: "Prometheus", description: "Metrics store.", kind: "native", stateDir: "/var/lib/prometheus2", vhost: { subdomain: "prometheus", port: 9090, auth: "authelia" } },
  { name: "node-exporter", title: "Node exporter", description: "Host metrics on :9100.", kind: "native" },
  { name: "systemd-exporter", title: "systemd exporter", description: "Unit metrics on :9558.", kind: "native" },
  { name: "grafana", title: "Grafana", description: "Dashboards; signs admins in from Remote-User.", kind: "native", stateDir: "/var/lib/grafana", vhost: { subdomain: "grafana", port: 3002, auth: "authelia" } },
  { name: "uptime-kuma", title: "Uptime Kuma", description: "Status page; monitors synced from Nix.", kind: "container", stateDir: "/var/lib/uptime-kuma", vhost: { subdomain: "status", port: 3001, auth: "none" } },
  { name: "attic", title: "Attic", description: "Self-hosted Nix binary cache (cache main).", kind: "container", stateDir: "/var/lib/attic", vhost: { subdomain: "attic", port: 8080, auth: "none" } },
  { name: "eurovote", title: "Eurovision Vote", description: "Django app from github:anerisgreat/eurovote.", kind: "external-flake", stateDir: "/var/lib/eurovote", vhost: { subdomain: "vote", port: 8000, auth: "authelia" } },
  { name: "nextcloud", title: "Nextcloud", description: "Files and calendars; own login for sync clients.", kind: "container", stateDir: "/var/lib/nextcloud", vhost: { subdomain: "cloud", port: 8081, auth: "none" } },
  { name: "restic", title: "Restic backup", description: "Daily 03:00 to Backblaze B2, Nextcloud in maintenance mode.", kind: "native" },
];

const admins = [["group:admins"]];
const pair = (priority: number, domain: string): Omit<AccessRuleInput, "note">[] => [
  { priority, domains: [domain], resources: [], subjects: admins, policy: "two_factor", methods: [], networks: [] },
  { priority: priority + 1, domains: [domain], resources: [], subjects: [], policy: "deny", methods: [], networks: [] },
];

export const SEED_ACCESS_RULES: AccessRuleInput[] = [
  { priority: 0, domains: ["auth"], resources: [], subjects: [], policy: "bypass", methods: [], networks: [], note: "The sign-in portal itself." },
  { priority: 10, domains: ["attic"], resources: [], subjects: [], policy: "bypass", methods: [], networks: [], note: "Nix clients authenticate with attic tokens." },
  { priority: 11, domains: ["cloud"], resources: [], subjects: [], policy: "bypass", methods: [], networks: [], note: "Nextcloud has its own login; sync clients cannot do forward auth." },
  { priority: 12, domains: ["status"], resources: [], subjects: [], policy: "bypass", methods: [], networks: [], note: "Public status page." },
  ...pair(20, "admin").map((r) => ({ ...r, note: "homey-admin: admins only, two factors." })),
  ...pair(22, "grafana").map((r) => ({ ...r, note: "Grafana trusts Remote-User as Admin, so admins only." })),
  ...pair(24, "prometheus").map((r) => ({ ...r, note: "" })),
  { priority: 65, domains: ["vote"], resources: ["^/admin([/?].*)?$"], subjects: admins, policy: "two_factor", methods: [], networks: [], note: "Django admin: admins with two factors." },
  { priority: 66, domains: ["vote"], resources: ["^/admin([/?].*)?$"], subjects: [], policy: "deny", methods: [], networks: [], note: "" },
  { priority: 67, domains: ["vote"], resources: [], subjects: [["group:users"]], policy: "one_factor", methods: [], networks: [], note: "Voting needs an account." },
];

export const SEED_MONITORS = [
  { name: "Authelia", type: "keyword", target: "auth/api/health", interval: 60, keyword: "OK", maxretries: 3, service: "authelia" },
  { name: "Grafana", type: "http", target: "grafana/api/health", interval: 60, keyword: "", maxretries: 1, service: "grafana" },
  { name: "Nextcloud", type: "keyword", target: "cloud/status.php", interval: 120, keyword: '"installed":true', maxretries: 3, service: "nextcloud" },
  { name: "Attic cache", type: "keyword", target: "attic/main/nix-cache-info", interval: 300, keyword: "StoreDir", maxretries: 2, service: "attic" },
  { name: "Eurovision Vote", type: "http", target: "vote/", interval: 120, keyword: "", maxretries: 1, service: "eurovote" },
  { name: "homey-admin", type: "http", target: "admin/api/health", interval: 60, keyword: "", maxretries: 1, service: "homey-admin" },
  { name: "Prometheus", type: "http", target: "http://127.0.0.1:9090/-/healthy", interval: 60, keyword: "", maxretries: 1, service: "prometheus" },
] as const;

export const SEED_BACKUP_PATHS = [
  { path: "/var/lib/nextcloud/data", mode: "include", service: "nextcloud", note: "Backed up in maintenance mode (pre-hook)." },
  { path: "/var/backup/nextcloud/db.sql", mode: "include", service: "nextcloud", note: "pg_dump written by the pre-hook." },
  { path: "/var/lib/authelia", mode: "include", service: "authelia", note: "" },
  { path: "/var/lib/openldap", mode: "include", service: "openldap", note: "" },
  { path: "/var/lib/grafana", mode: "include", service: "grafana", note: "" },
  { path: "/var/lib/uptime-kuma", mode: "include", service: "uptime-kuma", note: "" },
  { path: "/var/lib/attic", mode: "include", service: "attic", note: "Config and database only." },
  { path: "/var/lib/eurovote", mode: "include", service: "eurovote", note: "" },
  { path: "/var/lib/homey-admin", mode: "include", service: "homey-admin", note: "The draft and the audit log." },
  { path: "/var/lib/attic/storage", mode: "exclude", service: "attic", note: "NAR content is reproducible from source." },
  { path: "/mnt/data/media", mode: "exclude", service: null, note: "Media is not backed up." },
] as const;
