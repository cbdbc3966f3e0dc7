// What the NixOS module defines itself when services.homey-admin.caddy.contributeVhost is on:
// the Caddy vhost of the dashboard (admin.<domain>) and its admins-only Authelia pair
// (two_factor for the admin group, then deny). The draft keeps its copies, so the checks and
// the policy simulator still see the whole system, but they are read-only (the one write
// path refuses to change them) and the renderer leaves them out of generated/: one
// definition, in one place. Pure: the settings come in as a parameter.
import { AppError } from "@/lib/errors/app-error";
import type { DraftSnapshot } from "./snapshot";

export interface ModuleManaged {
  /** The dashboard's subdomain label (HOMEY_ADMIN_HOST). */
  subdomain: string;
  /** The group the admins-only rule lets in (HOMEY_ADMIN_GROUP). */
  adminGroup: string;
}

export const MODULE_OPTION = "services.homey-admin.caddy.contributeVhost";

export function moduleManagedNote(what: string): string {
  return `${what} is managed by the NixOS module (${MODULE_OPTION}): change it in homey's Nix configuration, not here.`;
}

export function isModuleManagedVirtualHost(managed: ModuleManaged | null, vhost: { subdomain: string }): boolean {
  return !!managed && vhost.subdomain === managed.subdomain;
}

interface RuleShape {
  domains: string[];
  resources: string[];
  subjects: string[][];
  policy: string;
  methods: string[];
  networks: string[];
}

/** The module's two rules for the dashboard's host: whole-host, no methods or networks. */
export function isModuleManagedAccessRule(managed: ModuleManaged | null, rule: RuleShape): boolean {
  if (!managed) return false;
  const wholeHost =
    rule.domains.length === 1 && rule.domains[0] === managed.subdomain && rule.resources.length === 0 && rule.methods.length === 0 && rule.networks.length === 0;
  if (!wholeHost) return false;
  const adminsOnly = rule.subjects.length === 1 && rule.subjects[0].length === 1 && rule.subjects[0][0] === `group:${managed.adminGroup}`;
  return (rule.policy === "two_factor" && adminsOnly) || (rule.policy === "deny" && rule.subjects.length === 0);
}

export function moduleManagedError(what: string, doing: string): AppError {
  return new AppError(
    "PROTECTED",
    `${what} is managed by the NixOS module (${MODULE_OPTION}), so it cannot be ${doing} here: change it in homey's Nix configuration, or turn that option off to manage it from the dashboard again.`,
  );
}

/** The snapshot without what the module defines: what goes into generated/. */
export function withoutModuleManaged(snapshot: DraftSnapshot, managed: ModuleManaged | null): DraftSnapshot {
  if (!managed) return snapshot;
  return {
    ...snapshot,
    virtualHosts: snapshot.virtualHosts.filter((v) => !isModuleManagedVirtualHost(managed, v)),
    accessRules: snapshot.accessRules.filter((r) => !isModuleManagedAccessRule(managed, r)),
  };
}
