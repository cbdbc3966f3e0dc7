// Stands in for systemd_exporter on the test target: an HTTP server on 127.0.0.1 serving its
// metric names (systemd_unit_state{name,state,type} with one 1 per unit) for the services the
// stand-in nixos-rebuild activated. It reads the stand-in's state file on every scrape, so a
// deploy that switches a service off makes its unit inactive at the next scrape — as on homey,
// where switching the configuration stops the unit. Tests can also force a unit's state
// (a crashed service: failed) without a deploy.
//
// Plain Node (no server-only imports): used by vitest, Playwright and the rig CLI.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SEED_SERVICES } from "../../lib/model/seed-data";

export type UnitState = "active" | "inactive" | "failed";
const STATES = ["active", "activating", "deactivating", "failed", "inactive"] as const;

export interface SystemdExporterOptions {
  /** The stand-in's activated.json (HOMEY_STANDIN_STATE_FILE). */
  stateFile: string;
  /** Services run as podman containers (unit podman-<name>.service); default: homey's seed containers. */
  containers?: string[];
}

export interface SystemdExporter {
  /** host:port, for a Prometheus scrape config. */
  target: string;
  /** Overrides what the activation says for one unit; null removes the override. */
  setUnit(unit: string, state: UnitState | null): void;
  /**
   * Also serves Uptime Kuma's monitor_status for this monitor (1 up, 0 down, 2 pending,
   * 3 maintenance), as homey's Prometheus sees it when it scrapes Kuma; null removes it.
   */
  setMonitor(name: string, status: 0 | 1 | 2 | 3 | null): void;
  /** The exposition text a scrape gets now. */
  metrics(): string;
  stop(): Promise<void>;
}

interface Activated {
  configuration?: { homey?: { services?: Record<string, { enable?: boolean }> } };
}

function activatedServices(stateFile: string): Record<string, boolean> {
  if (!existsSync(stateFile)) return {};
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as Activated;
  const services = state.configuration?.homey?.services ?? {};
  return Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.enable === true]));
}

export async function startSystemdExporter(options: SystemdExporterOptions): Promise<SystemdExporter> {
  const containers = new Set(options.containers ?? SEED_SERVICES.filter((s) => s.kind === "container").map((s) => s.name));
  const overrides = new Map<string, UnitState>();
  const monitors = new Map<string, number>();
  const unitOf = (service: string) => (containers.has(service) ? `podman-${service}.service` : `${service}.service`);

  const metrics = (): string => {
    const units = new Map<string, UnitState>();
    for (const [service, enabled] of Object.entries(activatedServices(options.stateFile))) units.set(unitOf(service), enabled ? "active" : "inactive");
    for (const [unit, state] of overrides) units.set(unit, state);
    const lines = ["# HELP systemd_unit_state Systemd unit", "# TYPE systemd_unit_state gauge"];
    for (const [unit, current] of [...units].sort(([a], [b]) => a.localeCompare(b))) {
      const type = unit.slice(unit.lastIndexOf(".") + 1);
      for (const state of STATES) lines.push(`systemd_unit_state{name="${unit}",state="${state}",type="${type}"} ${state === current ? 1 : 0}`);
    }
    if (monitors.size > 0) lines.push("# HELP monitor_status Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)", "# TYPE monitor_status gauge");
    for (const [name, status] of monitors) lines.push(`monitor_status{monitor_name=${JSON.stringify(name)},monitor_type="http"} ${status}`);
    return `${lines.join("\n")}\n`;
  };

  const server: Server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end("only /metrics\n");
      return;
    }
    try {
      res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(metrics());
    } catch (error) {
      res.writeHead(500).end(`${(error as Error).message}\n`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    target: `127.0.0.1:${port}`,
    setUnit(unit, state) {
      if (state === null) overrides.delete(unit);
      else overrides.set(unit, state);
    },
    setMonitor(name, status) {
      if (status === null) monitors.delete(name);
      else monitors.set(name, status);
    },
    metrics,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
