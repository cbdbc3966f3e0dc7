// Small display helpers for deploys. Pure: used by server and client components alike.
import type { DeployKind } from "@/lib/deploy/actions";
import type { DeployStatus } from "@/lib/deploy/status";

/** "0.8 s", "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export const ACTION_LABELS: Record<DeployKind, string> = {
  switch: "switch",
  test: "test",
  boot: "boot",
  "dry-activate": "dry-activate",
  build: "build",
  rollback: "rollback (switch --rollback)",
};

export const ACTION_DESCRIPTIONS: Record<Exclude<DeployKind, "rollback">, string> = {
  switch: "build, activate now and make it the boot default",
  test: "build and activate now, but boot the previous generation after a reboot",
  boot: "build and make it the boot default; activates on the next reboot",
  "dry-activate": "build and show what activation would change, without changing anything",
  build: "only build the configuration; nothing changes on the system",
};

export type StatusTone = "running" | "ok" | "bad" | "stopped";

export function statusTone(status: DeployStatus): StatusTone {
  switch (status) {
    case "running":
      return "running";
    case "succeeded":
      return "ok";
    case "cancelled":
    case "timed_out":
    case "interrupted":
    case "units_failed": // switched (the new configuration runs) but some units failed: a warning
      return "stopped";
    default:
      return "bad";
  }
}

/** Leading zeros keep numbers from jumping around; thousands separators for line counts. */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
