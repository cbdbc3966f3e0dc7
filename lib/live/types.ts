// What the pages show as "live": each service's systemd unit state read from homey's
// Prometheus, and its Uptime Kuma monitors where Kuma is scraped. Pure types, shared by
// server pages and client rows.

/** active / failed / inactive as systemd_exporter reports them; unknown: not in Prometheus. */
export type LiveState = "active" | "failed" | "inactive" | "unknown";

/** Uptime Kuma's monitor_status: 1 up, 0 down, 2 pending, 3 maintenance. */
export type MonitorLiveState = "up" | "down" | "pending" | "maintenance";

export interface ServiceLive {
  unit: string;
  state: LiveState;
  /** Kuma monitors linked to the service, by monitor name (empty when Kuma is not scraped). */
  monitors: { name: string; state: MonitorLiveState }[];
}

export type LiveView =
  | { available: true; url: string; services: Record<string, ServiceLive> }
  | { available: false; url: string; message: string };
