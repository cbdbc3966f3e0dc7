// What the checker reads: the whole draft with row ids, as lib/model loads it from the DB
// (JSON list columns already decoded), plus the settings the renderer and Authelia use.
import type { AreaName, AreaValues } from "@/lib/model/areas";
import type { AccessPolicy } from "@/lib/model/snapshot";

// Each entity's shape is the area layer's own (lib/model/areas.ts), without the version.
type Row<A extends AreaName> = Omit<AreaValues<A>, "version">;

export type CheckService = Pick<Row<"service">, "id" | "name" | "enabled" | "protected" | "stateDir">;
export type CheckVirtualHost = Row<"virtualHost">;
export type CheckAccessRule = Row<"accessRule">;
export type CheckMonitor = Row<"monitor">;
export type CheckBackupPath = Omit<Row<"backupPath">, "note">;

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
