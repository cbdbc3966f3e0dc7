// Every state a Deploy row can be in. Stored as these codes in Deploy.status; the UI shows
// the labels. Pure: safe to import from client components.

export const DEPLOY_STATUSES = [
  "running",
  "succeeded",
  /** nixos-rebuild exit 4: the new configuration is active, but some units failed to start. */
  "units_failed",
  "failed",
  "cancelled",
  "timed_out",
  "connection_lost",
  "host_key_refused",
  "auth_failed",
  "unreachable",
  "interrupted",
] as const;

export type DeployStatus = (typeof DEPLOY_STATUSES)[number];
export type FinalDeployStatus = Exclude<DeployStatus, "running">;

export const DEPLOY_STATUS_LABELS: Record<DeployStatus, string> = {
  running: "running",
  succeeded: "succeeded",
  units_failed: "switched, units failed",
  failed: "failed",
  cancelled: "cancelled",
  timed_out: "timed out",
  connection_lost: "connection lost",
  host_key_refused: "host key refused",
  auth_failed: "auth failed",
  unreachable: "unreachable",
  interrupted: "interrupted",
};

export function isDeployStatus(value: string): value is DeployStatus {
  return (DEPLOY_STATUSES as readonly string[]).includes(value);
}
