// The health gate against real HTTP servers on 127.0.0.1, addressed as homey's loopback
// twins are: one base URL, the monitor's Host header deciding which site answers — and an
// unknown Host answered the way Caddy does (200, empty body).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MonitorSnapshot } from "@/lib/model/snapshot";
import { runHealthGate } from "./gate";
import { probeRequest } from "./probe-request";
import { touchedMonitors } from "./touched";

const DOMAIN = "example.test";
let server: http.Server;
let base: string;
const hits = new Map<string, number>();
/** grafana comes up on its 3rd request: the retries must get there. */
let grafanaRequests = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const host = req.headers.host ?? "";
    hits.set(host, (hits.get(host) ?? 0) + 1);
    if (host === "photos.example.test") return res.writeHead(200, { "content-type": "text/html" }).end("<title>Immich</title>");
    if (host === "wiki.example.test") return res.writeHead(502).end("bad gateway");
    if (host === "grafana.example.test") {
      grafanaRequests += 1;
      return grafanaRequests >= 3 ? res.writeHead(200).end("Grafana") : res.writeHead(503).end("starting");
    }
    if (host === "example.test" && req.url === "/login?next=1") return res.writeHead(302, { location: "/" }).end("Found");
    // Caddy for a Host it has no site for.
    res.writeHead(200).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const monitor = (name: string, target: string, extra: Partial<MonitorSnapshot> = {}): MonitorSnapshot => ({
  name,
  type: "http",
  target,
  interval: 60,
  keyword: "",
  maxretries: 0,
  ...extra,
});
const touched = (...monitors: MonitorSnapshot[]) => monitors.map((m) => ({ monitor: m, why: "new monitor" }));

describe("probe requests", () => {
  it("go to the base URL with the monitor's Host, path and query", () => {
    expect(probeRequest(monitor("a", "photos/api/ping?x=1"), DOMAIN)).toEqual({
      url: "http://127.0.0.1/api/ping?x=1",
      host: "photos.example.test",
      monitorUrl: "https://photos.example.test/api/ping?x=1",
    });
    expect(probeRequest(monitor("apex", "@/"), DOMAIN, "http://127.0.0.1:8080").host).toBe("example.test");
    expect(probeRequest(monitor("abs", "https://status.other.org/x"), DOMAIN).host).toBe("status.other.org");
  });
});

describe("runHealthGate (Uptime Kuma semantics, real HTTP)", () => {
  it("healthy: 2xx with a body, a keyword found, a 3xx with a body", async () => {
    const outcome = await runHealthGate({
      monitors: touched(monitor("photos", "photos/"), monitor("immich-title", "photos/", { type: "keyword", keyword: "Immich" }), monitor("login", "@/login?next=1")),
      failedUnits: [],
      domain: DOMAIN,
      baseUrl: base,
      windowMs: 5_000,
    });
    expect(outcome.verdict).toBe("healthy");
    expect(outcome.summary).toBe("healthy: 3 checks passed");
    expect(outcome.probes.map((p) => [p.monitor, p.ok, p.reason])).toEqual([
      ["photos", true, "HTTP 200"],
      ["immich-title", true, "HTTP 200, keyword found"],
      ["login", true, "HTTP 302"],
    ]);
  });

  it("unhealthy: Caddy's empty 200 for an unknown Host, a 502, a missing keyword, a closed port; failed units too", async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const closedBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));

    const outcome = await runHealthGate({
      monitors: touched(monitor("gone", "nosuchsite/"), monitor("wiki", "wiki/"), monitor("title", "photos/", { type: "keyword", keyword: "Jellyfin" })),
      failedUnits: ["immich.service", "immich.service"],
      domain: DOMAIN,
      baseUrl: base,
      windowMs: 5_000,
    });
    expect(outcome.verdict).toBe("unhealthy");
    expect(outcome.probes.map((p) => p.reason)).toEqual([
      "HTTP 200 with an empty body (Caddy has no site for this host?)",
      "HTTP 502",
      'HTTP 200, but the body does not contain "Jellyfin"',
    ]);
    expect(outcome.failedUnits).toEqual(["immich.service"]);
    expect(outcome.summary).toContain("failed units: immich.service");

    const refused = await runHealthGate({ monitors: touched(monitor("down", "photos/")), failedUnits: [], domain: DOMAIN, baseUrl: closedBase, windowMs: 2_000 });
    expect(refused.probes[0]).toMatchObject({ ok: false, reason: "no answer: ECONNREFUSED" });
  });

  it("retries maxretries times at the interval until it passes", async () => {
    grafanaRequests = 0;
    const outcome = await runHealthGate({ monitors: touched(monitor("grafana", "grafana/", { maxretries: 3 })), failedUnits: [], domain: DOMAIN, baseUrl: base, windowMs: 5_000, intervalMs: 50 });
    expect(outcome.verdict).toBe("healthy");
    expect(outcome.probes[0].attempts.map((a) => a.status)).toEqual([503, 503, 200]);
  });

  it("the window caps the retries", async () => {
    const before = hits.get("wiki.example.test") ?? 0;
    const outcome = await runHealthGate({ monitors: touched(monitor("wiki", "wiki/", { maxretries: 100, interval: 1 })), failedUnits: [], domain: DOMAIN, baseUrl: base, windowMs: 1_500 });
    expect(outcome.verdict).toBe("unhealthy");
    // First attempt at once, then one a second within 1.5 s: 2 attempts, not 101.
    expect((hits.get("wiki.example.test") ?? 0) - before).toBe(2);
  });
});

describe("touchedMonitors", () => {
  const parts = (services: Record<string, boolean>, vhosts: Record<string, number>, monitors: MonitorSnapshot[]) => ({
    services: Object.entries(services).map(([name, enabled]) => ({ name, enabled })),
    virtualHosts: Object.entries(vhosts).map(([subdomain, upstreamPort]) => ({ subdomain, upstreamHost: "127.0.0.1", upstreamPort, auth: "none" as const })),
    monitors,
  });
  const ms = [monitor("immich", "photos/"), monitor("grafana", "grafana/"), monitor("wiki", "wiki/")];

  it("a toggled service, a changed vhost and a new monitor are probed; untouched ones are not", () => {
    const before = parts({ immich: true, grafana: true, wiki: false }, { photos: 2283, grafana: 3000, wiki: 8080 }, ms.slice(0, 2));
    const after = parts({ immich: true, grafana: true, wiki: true }, { photos: 2284, grafana: 3000, wiki: 8080 }, ms);
    expect(touchedMonitors(before, after, DOMAIN).map((t) => [t.monitor.name, t.why])).toEqual([
      ["immich", "vhost photos changed"],
      ["wiki", "new monitor"],
    ]);
    const toggledOnly = parts({ immich: true, grafana: false, wiki: false }, { photos: 2283, grafana: 3000, wiki: 8080 }, ms.slice(0, 2));
    expect(touchedMonitors(before, toggledOnly, DOMAIN).map((t) => [t.monitor.name, t.why])).toEqual([["grafana", "service grafana switched"]]);
  });

  it("the first deploy (nothing before) probes every monitor", () => {
    expect(touchedMonitors(null, parts({ immich: true }, { photos: 1 }, ms), DOMAIN)).toHaveLength(3);
  });
});
