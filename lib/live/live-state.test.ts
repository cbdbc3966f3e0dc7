// Against a real Prometheus (Debian's) scraping the rig's systemd_exporter stand-in, which
// reads what the stand-in nixos-rebuild activated: started once for the file (~6 s).
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrometheus, type PrometheusHandle } from "@/scripts/test-rig/prometheus";
import { startSystemdExporter, type SystemdExporter } from "@/scripts/test-rig/systemd-exporter";
import { freePort } from "@/lib/testing/ports";
import { adminAs } from "@/lib/testing/admin-context";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { PrismaClient } from "@/lib/db/client";
import { clearLiveCache, getLiveView } from "./live-state";
import type { LiveView } from "./types";

let dir: string;
let exporter: SystemdExporter;
let prometheus: PrometheusHandle;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;

function activate(services: Record<string, boolean>) {
  const homey = { services: Object.fromEntries(Object.entries(services).map(([name, enable]) => [name, { enable }])) };
  writeFileSync(path.join(dir, "activated.json"), JSON.stringify({ action: "switch", system: "/nix/store/x", configuration: { rev: null, domain: "example.test", homey } }));
}

/** Polls until the live view passes `check` (a scrape interval is 1 s). */
async function viewWhen(check: (view: LiveView) => boolean, baseUrl = prometheus.url): Promise<LiveView> {
  const deadline = Date.now() + 10_000;
  let view: LiveView;
  do {
    clearLiveCache();
    view = await getLiveView(adminAs(db), { baseUrl });
    if (check(view)) return view;
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  return view;
}

const states = (view: LiveView) => (view.available ? Object.fromEntries(Object.entries(view.services).map(([n, s]) => [n, s.state])) : view.message);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "homey-live-test-"));
  activate({ grafana: true, eurovote: false, attic: true });
  exporter = await startSystemdExporter({ stateFile: path.join(dir, "activated.json") });
  prometheus = await startPrometheus({ dir: path.join(dir, "prometheus"), targets: [exporter.target], scrapeIntervalSeconds: 1 });
  database = await createTestDatabase();
  db = database.db;
  for (const [name, kind] of [["grafana", "native"], ["eurovote", "external-flake"], ["attic", "container"], ["nextcloud", "container"]] as const) {
    await db.service.create({ data: { name, title: name, kind } });
  }
  await prometheus.ready();
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.stop();
  await database?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe("getLiveView against a real Prometheus", () => {
  it("reads each service's unit: enabled → active, switched off → inactive, never seen → unknown; containers are podman-<name>.service", async () => {
    const view = await viewWhen((v) => v.available && v.services.grafana.state === "active");
    expect(states(view)).toEqual({ attic: "active", eurovote: "inactive", grafana: "active", nextcloud: "unknown" });
    expect(view.available && view.services.attic.unit).toBe("podman-attic.service");
    expect(view.available && view.services.eurovote.unit).toBe("eurovote.service");
  });

  it("follows a deploy that switches a service off within a scrape or two", async () => {
    activate({ grafana: false, eurovote: false, attic: true });
    const started = Date.now();
    const view = await viewWhen((v) => v.available && v.services.grafana.state === "inactive");
    expect(states(view)).toMatchObject({ grafana: "inactive", attic: "active" });
    expect(Date.now() - started).toBeLessThan(5_000);
    activate({ grafana: true, eurovote: false, attic: true });
  });

  it("uses the service's own unit name when it has one, and reports a failed unit", async () => {
    await db.service.update({ where: { name: "nextcloud" }, data: { unitName: "nextcloud-setup.service" } });
    exporter.setUnit("nextcloud-setup.service", "failed");
    const view = await viewWhen((v) => v.available && v.services.nextcloud.state === "failed");
    expect(view.available && view.services.nextcloud).toMatchObject({ unit: "nextcloud-setup.service", state: "failed" });
  });

  it("adds Uptime Kuma's monitor_status for the service's monitors when Kuma is scraped", async () => {
    const grafana = await db.service.findUniqueOrThrow({ where: { name: "grafana" } });
    await db.monitor.create({ data: { name: "Grafana", target: "grafana/api/health", serviceId: grafana.id } });
    exporter.setMonitor("Grafana", 0);
    const view = await viewWhen((v) => v.available && v.services.grafana.monitors.length > 0);
    expect(view.available && view.services.grafana.monitors).toEqual([{ name: "Grafana", state: "down" }]);
    expect(view.available && view.services.attic.monitors).toEqual([]);
  });
});

describe("getLiveView without Prometheus", () => {
  it("says in one line that nothing answered, quickly, when nothing listens", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    clearLiveCache();
    const started = Date.now();
    const view = await getLiveView(adminAs(db), { baseUrl: url });
    expect(view).toEqual({ available: false, url, message: `Live state unavailable: Prometheus at ${url} did not answer (connection failed).` });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("gives up after the short timeout when Prometheus hangs", async () => {
    const sockets: import("node:net").Socket[] = [];
    const hanging: Server = createServer(() => undefined);
    hanging.on("connection", (s) => sockets.push(s));
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    try {
      clearLiveCache();
      const started = Date.now();
      const view = await getLiveView(adminAs(db), { baseUrl: url });
      const took = Date.now() - started;
      expect(view.available).toBe(false);
      expect(!view.available && view.message).toContain("no answer within 1500 ms");
      expect(took).toBeGreaterThanOrEqual(1_400);
      expect(took).toBeLessThan(2_500);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => hanging.close(r));
    }
  });

  it("caches an answer for a few seconds, so a page render does not wait on every request", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    clearLiveCache();
    const first = await getLiveView(adminAs(db), { baseUrl: url });
    activate({ grafana: false });
    const second = await getLiveView(adminAs(db), { baseUrl: url });
    expect(second).toEqual(first);
    activate({ grafana: true, eurovote: false, attic: true });
  });
});
