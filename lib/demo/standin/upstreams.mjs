#!/usr/bin/env node
// =====================================================================================
//  STAND-IN upstreams — homey-admin test rig / demo. NOT part of homey or NixOS.
// =====================================================================================
// What the services behind homey's vhosts would be, so a deploy can really break what a
// monitor checks. The stand-in activation (switch-to-configuration) runs
//
//   upstreams.mjs sync <homey-config.json> <state dir>
//
// after it recorded a configuration: one small HTTP server per vhost of that configuration
// (on its upstream port on 127.0.0.1; not for a vhost whose same-named service is
// switched off) is started, every other one this script started is stopped. Each is a
// background process recorded in <state dir>/upstreams/<port>.json. With
// HOMEY_STANDIN_PROXY_PORT set it also keeps a proxy on 127.0.0.1:<that port> in front of
// them, as homey's `http://` loopback twins:
//   * real Debian `caddy` when it is installed (standin/caddy.mjs: started, then reloaded on
//     each activation, with one `http://` site per vhost of the activated configuration);
//   * otherwise the NODE FALLBACK PROXY below (serve-fallback-proxy), for a demo machine
//     without caddy: a Host that is a vhost of the running configuration is proxied to its
//     upstream (502 when nothing listens there), any other Host gets 200 with an empty body —
//     what Caddy 2.6 was measured to answer.
//
//   upstreams.mjs stop-all <state dir>     stops everything it started (rig teardown)
//   upstreams.mjs wanted <homey-config.json>  the upstreams as JSON (for standin/systemd-units.mjs)
//
// Bodies are non-empty ("homey stand-in upstream for <host>") and contain the keywords of
// the monitors of that host, so a healthy stand-in service passes a keyword monitor.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { caddyBinary, ensureCaddy, stopCaddy } from "./caddy.mjs";

const self = fileURLToPath(import.meta.url);
const [mode, ...args] = process.argv.slice(2);

function die(message) {
  console.error(`stand-in upstreams: ${message}`);
  process.exit(1);
}

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Our own process (not a recycled pid): its command line names this script and the mode. */
const isOurs = (pid, what) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").includes(what) && isAlive(pid);
  } catch {
    return false;
  }
};

function listening(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = net.connect({ host: "127.0.0.1", port });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => (socket.destroy(), Date.now() > deadline ? resolve(false) : setTimeout(attempt, 25)));
    };
    attempt();
  });
}

/** The upstreams a configuration wants: port → { host, body }. */
function wanted(config) {
  const homey = config.homey ?? {};
  const domain = config.domain ?? "example.test";
  const services = homey.services ?? {};
  const monitors = (homey.monitoring ?? {}).monitors ?? [];
  const out = new Map();
  for (const [sub, v] of Object.entries((homey.caddy ?? {}).virtualHosts ?? {})) {
    if (!Number.isInteger(v.port) || !["127.0.0.1", "localhost", undefined].includes(v.host)) continue;
    if (services[sub] && services[sub].enable === false) continue; // the service behind it is off
    const host = sub === "@" ? domain : `${sub}.${domain}`;
    const keywords = monitors.filter((m) => typeof m.url === "string" && m.url.includes(`//${host}/`) && m.keyword).map((m) => m.keyword);
    out.set(v.port, { sub, host, body: [`homey stand-in upstream for ${host}`, ...keywords].join("\n") + "\n" });
  }
  return out;
}

function startDetached(argv) {
  const child = spawn(process.execPath, [self, ...argv], { detached: true, stdio: "ignore" });
  child.unref();
  return child.pid;
}

async function sync(configFile, stateDir) {
  if (!configFile || !stateDir) die("usage: upstreams.mjs sync <homey-config.json> <state dir>");
  const config = JSON.parse(readFileSync(configFile, "utf8"));
  const dir = path.join(stateDir, "upstreams");
  mkdirSync(dir, { recursive: true });
  const want = wanted(config);
  // On the systemd target (the stand-in nixos-rebuild sets HOMEY_STANDIN_SYSTEMD_UNITS_CMD) the upstream
  // of a vhost named like a service is that service's real unit (standin/systemd-units.mjs), not ours.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.HOMEY_STANDIN_SYSTEMD_UNITS_CMD) for (const [port, { sub }] of want) if (config.homey?.services?.[sub]) want.delete(port);
  const started = [];
  const stopped = [];
  for (const file of readdirSync(dir).filter((f) => /^\d+\.json$/.test(f))) {
    const port = Number(file.slice(0, -5));
    const record = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    const running = isOurs(record.pid, "serve-upstream");
    const keep = running && want.has(port) && want.get(port).body === record.body;
    if (keep) {
      want.delete(port);
      continue;
    }
    if (running) process.kill(record.pid, "SIGTERM");
    rmSync(path.join(dir, file), { force: true });
    if (running) stopped.push(`${record.host}:${port}`);
  }
  for (const [port, { host, body }] of want) {
    const pid = startDetached(["serve-upstream", String(port), host, body]);
    writeFileSync(path.join(dir, `${port}.json`), JSON.stringify({ pid, port, host, body }));
    started.push({ host, port });
  }
  const failed = [];
  for (const { host, port } of started) if (!(await listening(port, 3000))) failed.push(`${host}:${port}`);
  // The stand-in target's own knob (set by its nixos-rebuild from standin.env), not a homey-admin setting.
  // eslint-disable-next-line no-restricted-properties
  const proxyPort = Number(process.env.HOMEY_STANDIN_PROXY_PORT || 0);
  let proxyLine = null;
  if (proxyPort) {
    const caddy = caddyBinary();
    if (caddy) {
      stopFallbackProxy(stateDir);
      proxyLine = await ensureCaddy(caddy, config, proxyPort, stateDir, listening);
    } else {
      await stopCaddy(stateDir);
      await ensureFallbackProxy(proxyPort, stateDir);
      proxyLine = `no caddy installed: the node fallback proxy answers on 127.0.0.1:${proxyPort}`;
    }
  }
  const list = (items) => (items.length ? items.join(", ") : "none");
  console.log(`stand-in upstreams: started ${list(started.map((s) => `${s.host}:${s.port}`))}; stopped ${list(stopped)}`);
  if (failed.length) console.log(`stand-in upstreams: not listening (port taken?): ${failed.join(", ")}`);
  if (proxyLine) console.log(`stand-in upstreams: ${proxyLine}`);
}

const FALLBACK = "serve-fallback-proxy";

async function ensureFallbackProxy(port, stateDir) {
  const file = path.join(stateDir, "upstreams", "fallback-proxy.json");
  if (existsSync(file)) {
    const record = JSON.parse(readFileSync(file, "utf8"));
    if (record.port === port && isOurs(record.pid, FALLBACK)) return;
    if (isOurs(record.pid, FALLBACK)) process.kill(record.pid, "SIGTERM");
  }
  const pid = startDetached([FALLBACK, String(port), stateDir]);
  writeFileSync(file, JSON.stringify({ pid, port }));
  if (!(await listening(port, 3000))) console.log(`stand-in upstreams: the node fallback proxy is not listening on 127.0.0.1:${port} (port taken?)`);
}

function stopFallbackProxy(stateDir) {
  const file = path.join(stateDir, "upstreams", "fallback-proxy.json");
  if (!existsSync(file)) return;
  const record = JSON.parse(readFileSync(file, "utf8"));
  if (isOurs(record.pid, FALLBACK)) process.kill(record.pid, "SIGTERM");
  rmSync(file, { force: true });
}

async function stopAll(stateDir) {
  if (!stateDir) die("usage: upstreams.mjs stop-all <state dir>");
  const dir = path.join(stateDir, "upstreams");
  if (!existsSync(dir)) return;
  await stopCaddy(stateDir);
  stopFallbackProxy(stateDir);
  for (const file of readdirSync(dir).filter((f) => /^\d+\.json$/.test(f))) {
    const record = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
    if (isOurs(record.pid, "serve-upstream")) process.kill(record.pid, "SIGTERM");
    rmSync(path.join(dir, file), { force: true });
  }
}

function serveUpstream(port, host, body) {
  http.createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/plain" }).end(body)).listen(Number(port), "127.0.0.1");
}

/** The running configuration's vhosts, read per request (what Caddy would have loaded at activation). */
function currentVhosts(stateDir) {
  try {
    const config = JSON.parse(readFileSync(path.join(stateDir, "current-system", "homey-config.json"), "utf8"));
    const domain = config.domain ?? "example.test";
    const map = new Map();
    for (const [sub, v] of Object.entries(config.homey?.caddy?.virtualHosts ?? {})) map.set(sub === "@" ? domain : `${sub}.${domain}`, v.port);
    return map;
  } catch {
    return new Map();
  }
}

/** The node fallback proxy (no caddy installed): Caddy's answers as measured on 2.6.2. */
function serveFallbackProxy(port, stateDir) {
  http
    .createServer((req, res) => {
      const host = String(req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();
      const upstream = currentVhosts(stateDir).get(host);
      if (upstream === undefined) return res.writeHead(200, { "Content-Length": "0", Server: "homey stand-in (not Caddy)" }).end();
      const forward = http.request({ host: "127.0.0.1", port: upstream, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      // Caddy's 502 has an empty body too.
      forward.on("error", () => res.writeHead(502, { "Content-Length": "0", Server: "homey stand-in (not Caddy)" }).end());
      req.pipe(forward);
    })
    .listen(Number(port), "127.0.0.1");
}

switch (mode) {
  case "sync":
    await sync(args[0], args[1]);
    break;
  case "wanted":
    // For standin/systemd-units.mjs: the upstreams as JSON [{ sub, port, host, body }].
    console.log(JSON.stringify([...wanted(JSON.parse(readFileSync(args[0], "utf8")))].map(([port, v]) => ({ port, ...v }))));
    break;
  case "stop-all":
    await stopAll(args[0]);
    break;
  case "serve-upstream":
    serveUpstream(args[0], args[1], args[2]);
    break;
  case FALLBACK:
    serveFallbackProxy(args[0], args[1]);
    break;
  default:
    die(`unknown mode '${mode ?? ""}' (sync, stop-all)`);
}
