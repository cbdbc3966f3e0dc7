// The proxy the stand-in activation keeps in front of the vhosts' upstreams
// (standin/upstreams.mjs + standin/caddy.mjs), run as the activation runs it: real Debian
// caddy where installed — its answers as measured on 2.6.2, a reload (same process) on
// re-activation, nothing left listening after stop-all — and the node fallback proxy
// (HOMEY_STANDIN_CADDY=none) answering the same statuses without claiming to be Caddy.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freePorts, isListening } from "@/lib/testing/ports";

const script = path.resolve(__dirname, "standin", "upstreams.mjs");
let dir: string;
let proxyPort: number;
let ports: number[];



/** An activated configuration: grafana (auth) and cloud vhosts; grafana's service on or off. */
function activate(grafanaOn: boolean, env: Record<string, string> = {}): string {
  const config = {
    domain: "example.test",
    homey: {
      services: { grafana: { enable: grafanaOn } },
      caddy: { virtualHosts: { grafana: { host: "127.0.0.1", port: ports[0], auth: true }, cloud: { host: "127.0.0.1", port: ports[1] } } },
      monitoring: { monitors: [] },
    },
  };
  // Where switch-to-configuration points current-system (the fallback proxy reads the running vhosts there).
  mkdirSync(path.join(dir, "current-system"), { recursive: true });
  const file = path.join(dir, "current-system", "homey-config.json");
  writeFileSync(file, JSON.stringify(config));
  return execFileSync(process.execPath, [script, "sync", file, dir], {
    encoding: "utf8",
    env: { ...process.env, HOMEY_STANDIN_PROXY_PORT: String(proxyPort), ...env },
  });
}

function ask(host: string): Promise<{ status: number; server: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: proxyPort, path: "/", headers: { Host: host } }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, server: String(res.headers.server ?? ""), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const caddyPid = () => (JSON.parse(readFileSync(path.join(dir, "upstreams", "caddy.json"), "utf8")) as { pid: number }).pid;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "homey-standin-proxy-"));
  [proxyPort, ...ports] = await freePorts(3);
});

afterEach(() => {
  execFileSync(process.execPath, [script, "stop-all", dir]);
  rmSync(dir, { recursive: true, force: true });
});

describe("the stand-in activation's proxy", () => {
  it("is Debian's caddy: proxies known hosts, 502 for a stopped upstream, empty 200 for an unknown host, reloads in place", async () => {
    if (!existsSync("/usr/bin/caddy")) throw new Error("this test runs Debian's caddy: apt-get install caddy (scripts/install-system-deps.sh)");
    expect(activate(true)).toMatch(/caddy 2 site\(s\) started on 127\.0\.0\.1:\d+/);
    expect(await ask("grafana.example.test")).toEqual({ status: 200, server: "Caddy", body: "homey stand-in upstream for grafana.example.test\n" });
    expect(await ask("nosuch.example.test")).toEqual({ status: 200, server: "Caddy", body: "" });
    // The admin API is on a unix socket in the state dir, never on TCP 2019.
    expect(readFileSync(path.join(dir, "upstreams", "Caddyfile"), "utf8")).toContain(`admin unix/${path.join(dir, "upstreams", "caddy-admin.sock")}`);
    const pid = caddyPid();

    // Re-activation with grafana off: its upstream stops, the same caddy (reloaded) answers 502.
    expect(activate(false)).toContain("caddy 2 site(s) reloaded");
    expect(caddyPid()).toBe(pid);
    expect(await ask("grafana.example.test")).toEqual({ status: 502, server: "Caddy", body: "" });
    expect((await ask("cloud.example.test")).status).toBe(200);

    execFileSync(process.execPath, [script, "stop-all", dir]);
    expect(await isListening(proxyPort)).toBe(false);
    expect(await isListening(ports[1])).toBe(false);
  });

  it("falls back to the node proxy without caddy, with the same statuses and no Server: Caddy", async () => {
    expect(activate(true, { HOMEY_STANDIN_CADDY: "none" })).toContain("node fallback proxy answers");
    expect(await ask("grafana.example.test")).toMatchObject({ status: 200, body: "homey stand-in upstream for grafana.example.test\n" });
    expect(await ask("nosuch.example.test")).toEqual({ status: 200, server: "homey stand-in (not Caddy)", body: "" });
    activate(false, { HOMEY_STANDIN_CADDY: "none" });
    expect(await ask("grafana.example.test")).toEqual({ status: 502, server: "homey stand-in (not Caddy)", body: "" });
  });
});
