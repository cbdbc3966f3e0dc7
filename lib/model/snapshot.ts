// The draft as the renderer sees it: plain values, no ids, no Prisma. Everything that
// reaches Nix passes through this shape (lib/nix renders it; lib/nix/import reads it back).

import type { AccessPolicyName } from "./schemas/access-rule";
import type { BACKUP_MODES } from "./schemas/backup-path";
import type { MONITOR_TYPES } from "./schemas/monitor";
import type { SERVICE_KINDS } from "./schemas/service";
import type { VHOST_AUTH } from "./schemas/virtual-host";

// The enums are the schemas' own: one list per field, written once.
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export type VhostAuth = (typeof VHOST_AUTH)[number];
export type AccessPolicy = AccessPolicyName;
export type MonitorType = (typeof MONITOR_TYPES)[number];
export type BackupMode = (typeof BACKUP_MODES)[number];

export interface ServiceSnapshot {
  name: string;
  enabled: boolean;
}

export interface VirtualHostSnapshot {
  /** DNS label, or "@" for the apex domain. */
  subdomain: string;
  upstreamHost: string;
  upstreamPort: number;
  auth: VhostAuth;
}

export interface AccessRuleSnapshot {
  priority: number;
  /** Subdomain labels; "@" is the apex, "*" every subdomain. */
  domains: string[];
  resources: string[];
  /** Authelia's list of lists: outer = OR, inner = AND. */
  subjects: string[][];
  policy: AccessPolicy;
  methods: string[];
  networks: string[];
}

export interface MonitorSnapshot {
  name: string;
  type: MonitorType;
  /** "sub/path" (domain-relative, "@/path" for the apex) or an absolute http(s) URL. */
  target: string;
  interval: number;
  keyword: string;
  maxretries: number;
}

export interface BackupSnapshot {
  extraPaths: string[];
  exclude: string[];
}

/** Only what is rendered: disabled vhosts and monitors are left out, lists are sorted. */
export interface DraftSnapshot {
  services: ServiceSnapshot[];
  virtualHosts: VirtualHostSnapshot[];
  accessRules: AccessRuleSnapshot[];
  monitors: MonitorSnapshot[];
  backup: BackupSnapshot;
}
