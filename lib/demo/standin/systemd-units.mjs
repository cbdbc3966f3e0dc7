#!/usr/bin/env node
// =====================================================================================
//  STAND-IN systemd units — homey-admin test rig (the nspawn target). NOT part of homey or NixOS.
// =====================================================================================
// On a target where systemd is PID 1 (scripts/test-rig/systemd-target.ts boots one), the
// stand-in activation manages REAL units instead of background processes: every unit of
// the new system (units.nix: `<name>.service`, `podman-<name>.service`, uptime-kuma-sync)
// is written to /run/systemd/system and stopped / started / restarted / reloaded exactly as
// unit-actions.sh decided (its `plan` phase) — so a deploy that switches a service off
// really stops what a monitor checks, and a unit that fails to start really fails.
//
//   systemd-units.mjs before <plan> <new units dir>
//       stops the units the plan stops; forgets those the new system no longer has
//   systemd-units.mjs after <plan> <new units dir> <homey-config.json>
//       writes the new system's units, daemon-reload, then reload / restart / start; prints
//       the units that failed (one line, ", "-separated; empty when none) on stdout
//
// <plan> is `unit-actions plan RUNNING NEW`'s output ("<action> <unit>" lines).
// What a unit runs:
//   * a service with a vhost on 127.0.0.1: the small HTTP server of standin/upstreams.mjs
//     (`serve-upstream`) on the vhost's port; the start waits until that port listens;
//   * Type=oneshot units (uptime-kuma-sync): /bin/true;
//   * any other service: an idle process (the stand-in has nothing to run for it);
//   * a unit named in HOMEY_STANDIN_BROKEN_UNITS ("a.service, b.service"): a oneshot that
//     exits 1, so its start job really fails (what a broken service does on a real switch).
// Opt-in with HOMEY_STANDIN_SYSTEMD_UNITS=1 (the nspawn target's nixos-rebuild wrapper sets
// it): on a machine that is not a disposable container, units named like grafana.service
// in /run/systemd/system would shadow the machine's own.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const UNIT_DIR = "/run/systemd/system";
const MARK = "# homey-admin stand-in unit (lib/demo/standin/systemd-units.mjs)";
const [mode, planText, newDir, configFile] = process.argv.slice(2);

function die(message) {
  console.error(`stand-in systemd units: ${message}`);
  process.exit(1);
}

if (!existsSync(UNIT_DIR)) die(`HOMEY_STANDIN_SYSTEMD_UNITS=1, but systemd is not PID 1 here (no ${UNIT_DIR}): unset it to run the upstreams as background processes`);
if (planText === undefined || !newDir) die("usage: systemd-units.mjs before|after <plan> <new units dir> [homey-config.json]");

/** action → units, from "<action> <unit>" lines. */
const plan = { stop: [], start: [], restart: [], reload: [], skip: [] };
for (const line of planText.split("\n")) {
  const [action, unit] = line.trim().split(/\s+/);
  if (!action) continue;
  if (!(action in plan) || !/^[A-Za-z0-9@._-]+\.service$/.test(unit ?? "")) die(`unexpected plan line '${line}'`);
  plan[action].push(unit);
}

/** systemctl; returns its exit status, its stderr echoed for the deploy log. */
function systemctl(...args) {
  const result = spawnSync("systemctl", args, { encoding: "utf8" });
  const said = `${result.stderr ?? ""}`.trim();
  if (said) console.error(said);
  return result.status ?? 1;
}

const ours = (unit) => existsSync(path.join(UNIT_DIR, unit)) && readFileSync(path.join(UNIT_DIR, unit), "utf8").startsWith(MARK);
const newUnits = () => (existsSync(newDir) ? readdirSync(newDir).filter((f) => f.endsWith(".service")) : []);

// The service behind a unit: `podman-<name>.service` / `<name>.service` (units.nix).
const serviceOf = (unit) => unit.replace(/^podman-/, "").replace(/\.service$/, "");

/** A systemd double-quoted word (systemd.syntax: C escapes; `%` specifiers and `$` variables escaped). */
const quoted = (value) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/%/g, "%%").replace(/\$/g, "$$$$")}"`;

function brokenUnits() {
  // The stand-in's own knob (standin.env, exported by its nixos-rebuild), not a homey-admin setting.
  // eslint-disable-next-line no-restricted-properties
  return (process.env.HOMEY_STANDIN_BROKEN_UNITS ?? "").split(/[\s,]+/).filter(Boolean);
}

/** The [Service] lines that make the stand-in unit run something. */
function execLines(unit, text, upstreams) {
  if (brokenUnits().includes(unit)) {
    const message = `stand-in: ${unit} is broken on purpose (HOMEY_STANDIN_BROKEN_UNITS): exit 1`;
    return ["Type=oneshot", `ExecStart=/bin/sh -c ${quoted('echo "$0" >&2; exit 1')} ${quoted(message)}`];
  }
  if (/^Type=oneshot$/m.test(text)) return ["ExecStart=/bin/true"];
  const upstream = upstreams.find((u) => u.sub === serviceOf(unit));
  if (!upstream) return ["Type=exec", "ExecStart=/bin/sleep infinity", "ExecReload=/bin/true"];
  const waitForPort = 'for i in $(seq 200); do (exec 3<>"/dev/tcp/127.0.0.1/$0") 2>/dev/null && exit 0; sleep 0.025; done; echo "nothing listens on 127.0.0.1:$0 after 5 s" >&2; exit 1';
  return [
    "Type=exec",
    `ExecStart=${process.execPath} ${path.join(here, "upstreams.mjs")} serve-upstream ${upstream.port} ${quoted(upstream.host)} ${quoted(upstream.body)}`,
    // Started means serving: the start job waits for the port (and fails when it never listens).
    `ExecStartPost=/bin/bash -c ${quoted(waitForPort)} ${upstream.port}`,
    // A reload (caddy's X-Reload-Triggers) has nothing to re-read here.
    "ExecReload=/bin/true",
  ];
}

function writeUnits(config) {
  const upstreams = JSON.parse(execFileSync(process.execPath, [path.join(here, "upstreams.mjs"), "wanted", config], { encoding: "utf8" }));
  const wanted = new Set(newUnits());
  for (const unit of wanted) {
    const target = path.join(UNIT_DIR, unit);
    for (const shipped of ["/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"]) {
      if (existsSync(path.join(shipped, unit))) die(`${unit} is one of this machine's own units (${shipped}): the stand-in will not shadow it`);
    }
    const text = readFileSync(path.join(newDir, unit), "utf8");
    // The store's unit text stays as it is (the [Service] section is its last): what NixOS would install, plus what to run.
    writeFileSync(target, [MARK, text.trimEnd(), ...execLines(unit, text, upstreams), ""].join("\n"));
  }
  for (const unit of readdirSync(UNIT_DIR)) if (!wanted.has(unit) && ours(unit)) rmSync(path.join(UNIT_DIR, unit));
}

switch (mode) {
  case "before":
    for (const unit of plan.stop) {
      systemctl("stop", "--", unit);
      // Gone from the new system: forget it (after's daemon-reload unloads it).
      if (!newUnits().includes(unit) && ours(unit)) rmSync(path.join(UNIT_DIR, unit));
    }
    break;
  case "after": {
    if (!configFile) die("after needs the new system's homey-config.json");
    writeUnits(configFile);
    if (systemctl("daemon-reload") !== 0) die("systemctl daemon-reload failed");
    const failed = [];
    const job = (verb, unit) => {
      if (systemctl(verb, "--", unit) !== 0) failed.push(unit);
    };
    for (const unit of plan.reload) job("reload", unit);
    for (const unit of plan.restart) job("restart", unit);
    for (const unit of plan.start) job("start", unit);
    console.log([...new Set(failed)].sort().join(", "));
    break;
  }
  default:
    die(`unknown mode '${mode ?? ""}' (before, after)`);
}
