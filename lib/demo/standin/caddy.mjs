// =====================================================================================
//  Real Caddy for the stand-in activation — homey-admin test rig / demo. NOT part of homey.
// =====================================================================================
// homey's caddy.nix gives every vhost an HTTPS site and a plain-`http://` loopback twin; the
// health gate probes the twin. Where Debian's `caddy` (2.6.2, no DNS plugin) is installed,
// the stand-in activation runs that real Caddy with the activated vhosts as `http://` sites
// on 127.0.0.1:<proxy port> — so probes see Caddy's own answers, not an imitation:
//   * known Host, upstream up   → the upstream's answer (plus `Server: Caddy`);
//   * known Host, upstream down → 502 with an empty body;
//   * unknown Host              → 200 with an empty body (`Content-Length: 0`, `Server: Caddy`),
//     measured on 2.6.2: Caddy's HTTP server answers a request no route matched that way;
//   * no vhost at all           → nothing listens (Caddy binds no listener without a site).
// No TLS, no ACME, no DNS plugin: `auto_https off`. The admin API is on a unix socket in the
// state dir (so a re-activation is a real `caddy reload`, as NixOS reloads caddy.service),
// never on TCP 2019; Caddy's autosave/storage go to the state dir, not to $HOME.
// Every request is logged (`log` per site; logger "http.log.access", JSON lines) to Caddy's
// own log, <state dir>/upstreams/caddy.log, so a test can prove a probe went through Caddy.
// (2.6.2 wrote these lines to stderr even with `output file` per site: measured, so the one
// log file holds both.)
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The caddy binary, or null (then the node fallback proxy stands in). HOMEY_STANDIN_CADDY
 * names it; "none" forces the fallback (to test it, or on a machine where caddy misbehaves).
 */
export function caddyBinary() {
  // The stand-in target's own knob (standin.env), not a homey-admin setting.
  // eslint-disable-next-line no-restricted-properties
  const wanted = process.env.HOMEY_STANDIN_CADDY ?? "";
  if (wanted === "none") return null;
  // The activation runs with the deploy transport's PATH, which may lack /usr/bin: look there too.
  // eslint-disable-next-line no-restricted-properties
  const candidates = wanted ? [wanted] : [...(process.env.PATH ?? "").split(":").filter(Boolean).map((d) => path.join(d, "caddy")), "/usr/bin/caddy"];
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not this one
    }
  }
  return null;
}

/** `http://<host>:<port>` site per vhost of the configuration, as homey's loopback twins. */
export function caddyfileFor(config, port, files) {
  const domain = config.domain ?? "example.test";
  const sites = [];
  for (const [sub, v] of Object.entries(config.homey?.caddy?.virtualHosts ?? {})) {
    if (!Number.isInteger(v.port)) continue;
    const host = sub === "@" ? domain : `${sub}.${domain}`;
    const upstream = `${v.host ?? "127.0.0.1"}:${v.port}`;
    // homey puts Authelia's forward_auth before reverse_proxy on a vhost with `auth = true`.
    // The rig has no Authelia, so such a vhost is reverse_proxy only here: a probe then sees
    // the service's answer rather than Authelia's verdict — faithful for what the gate judges
    // (is the service behind the vhost up), but Authelia being down is not reproduced.
    const auth = v.auth ? "\t# auth = true: homey adds forward_auth to Authelia here (no Authelia in the rig)\n" : "";
    sites.push(`http://${host}:${port} {\n${auth}\tbind 127.0.0.1\n\tlog\n\treverse_proxy ${upstream}\n}\n`);
  }
  const admin = files.adminSocket ? `admin unix/${files.adminSocket}` : "admin off";
  return { text: `{\n\t${admin}\n\tauto_https off\n\tstorage file_system ${files.storage}\n}\n\n${sites.join("\n")}`, sites: sites.length };
}

function paths(stateDir) {
  // Absolute: caddy resolves relative paths against its own working directory.
  const dir = path.resolve(stateDir, "upstreams");
  const socket = path.join(dir, "caddy-admin.sock");
  return {
    dir,
    record: path.join(dir, "caddy.json"),
    caddyfile: path.join(dir, "Caddyfile"),
    log: path.join(dir, "caddy.log"),
    storage: path.join(dir, "caddy-data"),
    // A unix socket path is limited to 108 bytes; past that, admin off and a restart per activation.
    adminSocket: socket.length < 100 ? socket : null,
  };
}

/** Our caddy (not a recycled pid): its command line runs this Caddyfile. */
function isOurCaddy(pid, caddyfile) {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0");
    return argv.includes("run") && argv.includes(caddyfile);
  } catch {
    return false;
  }
}

function caddyEnv(files) {
  // Caddy writes autosave.json under XDG_CONFIG_HOME and certificates under XDG_DATA_HOME: keep both in the state dir.
  // The stand-in's own child environment, not a homey-admin setting.
  // eslint-disable-next-line no-restricted-properties
  return { ...process.env, HOME: files.dir, XDG_CONFIG_HOME: path.join(files.dir, "caddy-config"), XDG_DATA_HOME: files.storage };
}

function tail(file) {
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").slice(-3).join("\n") : "(no log)";
}

/**
 * Caddy runs with the configuration's vhosts on 127.0.0.1:port: started, reloaded, or
 * restarted. Returns a line for the activation log. `listening(port, ms)` waits for the port.
 */
export async function ensureCaddy(binary, config, port, stateDir, listening) {
  const files = paths(stateDir);
  mkdirSync(files.dir, { recursive: true });
  const { text, sites } = caddyfileFor(config, port, files);
  writeFileSync(files.caddyfile, text);
  const record = existsSync(files.record) ? JSON.parse(readFileSync(files.record, "utf8")) : null;
  const running = record && isOurCaddy(record.pid, files.caddyfile);
  if (running && record.port === port && files.adminSocket) {
    const reload = spawnSync(binary, ["reload", "--config", files.caddyfile, "--adapter", "caddyfile", "--address", `unix/${files.adminSocket}`], {
      env: caddyEnv(files),
      encoding: "utf8",
      timeout: 10_000,
    });
    if (reload.status === 0) return `caddy ${sites} site(s) reloaded on 127.0.0.1:${port}`;
    console.log(`stand-in caddy: reload failed, restarting: ${(reload.stderr || reload.stdout || "").trim().split("\n").at(-1)}`);
  }
  if (running) await stopPid(record.pid);
  rmSync(files.record, { force: true });
  if (files.adminSocket) rmSync(files.adminSocket, { force: true });
  const log = openSync(files.log, "a");
  const child = spawn(binary, ["run", "--config", files.caddyfile, "--adapter", "caddyfile"], {
    detached: true,
    stdio: ["ignore", log, log],
    env: caddyEnv(files),
  });
  child.unref();
  writeFileSync(files.record, JSON.stringify({ pid: child.pid, port }));
  if (sites > 0 && !(await listening(port, 5000))) {
    return `caddy is not listening on 127.0.0.1:${port} (port taken? see ${files.log}): ${tail(files.log)}`;
  }
  return `caddy ${sites} site(s) started on 127.0.0.1:${port} (pid ${child.pid})`;
}

async function stopPid(pid) {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  // Caddy closes its listeners on SIGTERM; wait so a restart can bind the same port.
  // A zombie (exited, not yet reaped by whoever adopted it) has an empty command line: gone.
  for (let i = 0; i < 100; i++) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "latin1") === "") return;
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Stops the caddy this stand-in started (rig teardown, or the fallback proxy taking over). */
export async function stopCaddy(stateDir) {
  const files = paths(stateDir);
  if (!existsSync(files.record)) return;
  const record = JSON.parse(readFileSync(files.record, "utf8"));
  if (isOurCaddy(record.pid, files.caddyfile)) await stopPid(record.pid);
  rmSync(files.record, { force: true });
}
