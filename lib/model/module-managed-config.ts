// Whether the NixOS module owns the dashboard's vhost and rules (HOMEY_ADMIN_VHOST_FROM_MODULE),
// read per call so tests and a changed environment apply at once.
import "server-only";
import { currentConfig } from "@/lib/config/load";
import type { ModuleManaged } from "./module-managed";

export function moduleManagedConfig(): ModuleManaged | null {
  const config = currentConfig();
  if (config.HOMEY_ADMIN_VHOST_FROM_MODULE !== "1") return null;
  return { subdomain: config.HOMEY_ADMIN_HOST, adminGroup: config.HOMEY_ADMIN_GROUP };
}
