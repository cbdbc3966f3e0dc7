// What the checker reads: the whole draft with row ids, as lib/model loads it from the DB
// (JSON list columns already decoded), plus the settings the renderer and Authelia use.
import type { AccessPolicy, BackupMode, MonitorType, VhostAuth } from "@/lib/model/snapshot";

export interface CheckService {
  id: number;
  name: string;
  enabled: boolean;
  protected: boolean;
  /** "" when the service keeps no state. */
  stateDir: string;
}

export interface CheckVirtualHost {
  id: number;
  /** DNS label, or "@" for the apex. */
  subdomain: string;
  upstreamHost: string;
  upstreamPort: number;
  auth: VhostAuth;
  enabled: boolean;
  serviceId: number | null;
}

export interface CheckAccessRule {
  id: number;
  priority: number;
  /** Subdomain labels as stored: "@" the apex, "*" every subdomain. */
  domains: string[];
  resources: string[];
  /** Outer list OR, inner list AND. */
  subjects: string[][];
  policy: AccessPolicy;
  methods: string[];
  networks: string[];
  note: string;
}

export interface CheckMonitor {
  id: number;
  name: string;
  type: MonitorType;
  /** "sub/path", "@/path", or an absolute http(s) URL. */
  target: string;
  interval: number;
  keyword: string;
  maxretries: number;
  enabled: boolean;
  serviceId: number | null;
}

export interface CheckBackupPath {
  id: number;
  path: string;
  mode: BackupMode;
  serviceId: number | null;
}

export interface CheckDraft {
  /** homey's domain, e.g. "zakobar.com". */
  domain: string;
  /** The group the dashboard admits (default "admins"). */
  adminGroup: string;
  /** The dashboard's subdomain (default "admin"). */
  adminHost: string;
  /** Authelia's access_control.default_policy (homey: deny). */
  defaultPolicy: AccessPolicy;
  services: CheckService[];
  virtualHosts: CheckVirtualHost[];
  accessRules: CheckAccessRule[];
  monitors: CheckMonitor[];
  backupPaths: CheckBackupPath[];
}

/** The signed-in admin the lockout guard protects. */
export interface Viewer {
  user: string;
  groups: string[];
}
