// A deploy target with REAL systemd: the cached Debian rootfs (prepare-rootfs.sh) under a
// per-run overlay, booted with systemd-nspawn. OpenSSH inside listens on 127.0.0.1 only
// (the container shares the host's network), with keys and port written BEFORE boot;
// `nixos-rebuild` inside is a wrapper around the stand-in (lib/demo/standin) with the
// rig's state dir. The app's tree and the rig dir are bound at the same paths inside, so
// the stand-in, its private Nix store and the homey repo are the same files on both sides.
//
// Needs root and systemd-nspawn (scripts/install-system-deps.sh); the host needs no
// systemd of its own (--register=no --keep-unit). RECIPES "A deploy target with real systemd".
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../lib/testing/ports";
import { descendantsNamed, fingerprintOf, generateKey } from "./start-sshd";
import { standinPreviewRoots } from "./standin";

const run = promisify(execFile);
const PROJECT_ROOT = path.resolve(__dirname, "../..");

export interface SystemdTargetOptions {
  /** Rig dir: overlay, keys and logs go here; it is bound into the container at the same path. */
  dir: string;
  /** Environment the stand-in needs (its state dir), baked into the nixos-rebuild wrapper. */
  standinEnv: Record<string, string>;
  /** More host directories bound read-write at the same path (e.g. a repo rig outside `dir`). */
  binds?: string[];
}

export interface SystemdTarget {
  host: "127.0.0.1";
  port: number;
  user: "root";
  clientKeyPath: string;
  hostKeyFingerprint: string;
  /** PID of the systemd-nspawn process (its child is the container's systemd). */
  pid: number;
  /** Runs a command inside the container (nsenter), returns stdout. */
  exec(argv: string[]): Promise<string>;
  /** The argv prefix that runs a command inside the container (for "local" commands of the app there). */
  nsenterPrefix(): string[];
  /** PIDs of the container's per-connection sshd processes (to cut a session like a dropped link). */
  sessionPids(): number[];
  /** The HOMEY_DEPLOY_* variables for homey-admin (detached mode on). */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Why this machine cannot boot the target, or null when it can. */
export function systemdTargetUnavailable(): string | null {
  if (process.getuid?.() !== 0) return "systemd-nspawn needs root";
  if (!existsSync("/usr/bin/systemd-nspawn")) return "systemd-nspawn is missing (scripts/install-system-deps.sh installs systemd-container)";
  if (!existsSync("/usr/sbin/debootstrap")) return "debootstrap is missing (scripts/install-system-deps.sh installs it)";
  return null;
}

export async function prepareRootfs(): Promise<string> {
  const { stdout } = await run("bash", [path.join(PROJECT_ROOT, "scripts/test-rig/prepare-rootfs.sh")], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim().split("\n").at(-1)!;
}

export async function startSystemdTarget(options: SystemdTargetOptions): Promise<SystemdTarget> {
  const rootfs = await prepareRootfs();
  const base = path.join(options.dir, "nspawn");
  const [upper, work, merged] = ["upper", "work", "root"].map((name) => path.join(base, name));
  for (const d of [upper, work, merged]) mkdirSync(d, { recursive: true });
  // The cached rootfs stays pristine: every boot writes into its own upper layer.
  await run("mount", ["-t", "overlay", "overlay", "-o", `lowerdir=${rootfs},upperdir=${upper},workdir=${work}`, merged]);

  const hostKey = path.join(base, "ssh_host_ed25519_key");
  const clientKeyPath = path.join(base, "client_ed25519_key");
  await generateKey(hostKey, "homey-admin systemd target host");
  await generateKey(clientKeyPath, "homey-admin systemd target client");
  const hostKeyFingerprint = await fingerprintOf(`${hostKey}.pub`);
  const port = await freePort();

  // Written before boot: the first sshd already listens on loopback only, with our keys.
  const inside = (p: string) => path.join(merged, p);
  copyFileSync(hostKey, inside("etc/ssh/homey_test_host_ed25519_key"));
  chmodSync(inside("etc/ssh/homey_test_host_ed25519_key"), 0o600);
  writeFileSync(inside("etc/ssh/homey_test_authorized_keys"), readFileSync(`${clientKeyPath}.pub`));
  writeFileSync(
    inside("etc/ssh/sshd_config.d/homey-test.conf"),
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      "HostKey /etc/ssh/homey_test_host_ed25519_key",
      "AuthorizedKeysFile /etc/ssh/homey_test_authorized_keys",
      "PermitRootLogin prohibit-password",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "StrictModes no",
      "PrintMotd no",
      "",
    ].join("\n"),
  );
  const wrapper = inside("usr/local/bin/nixos-rebuild");
  mkdirSync(path.dirname(wrapper), { recursive: true });
  // A disposable container with systemd as PID 1: with the rig upstreams on, the stand-in's
  // activation runs them as real units here (lib/demo/standin/systemd-units.mjs).
  const standinEnv = { ...options.standinEnv, HOMEY_STANDIN_SYSTEMD_UNITS: "1" };
  // The same for a switch-to-configuration run on its own (a confirmed preview, in a transient
  // unit that gets none of the wrapper's variables): activation-env.sh reads this marker.
  if (options.standinEnv.HOMEY_STANDIN_STATE_DIR) writeFileSync(path.join(options.standinEnv.HOMEY_STANDIN_STATE_DIR, "systemd-units"), "1\n");
  const exports = Object.entries(standinEnv).map(([name, value]) => `export ${name}=${shellWord(value)}`);
  writeFileSync(
    wrapper,
    ["#!/bin/sh", "# homey-admin test target: the stand-in nixos-rebuild with the rig's state dir (not NixOS).", ...exports, `exec ${shellWord(path.join(PROJECT_ROOT, "lib/demo/standin/bin/nixos-rebuild"))} "$@"`, ""].join("\n"),
  );
  chmodSync(wrapper, 0o755);
  // Beside it, the stand-in nixos-version (what runs there: --configuration-revision).
  const versionWrapper = inside("usr/local/bin/nixos-version");
  writeFileSync(
    versionWrapper,
    ["#!/bin/sh", "# homey-admin test target: the stand-in nixos-version with the rig's state dir (not NixOS).", ...exports, `exec ${shellWord(path.join(PROJECT_ROOT, "lib/demo/standin/bin/nixos-version"))} "$@"`, ""].join("\n"),
  );
  chmodSync(versionWrapper, 0o755);
  // And its nix-env on the stand-in's private store: a confirmed preview sets the profile with it.
  const nixEnvWrapper = inside("usr/local/bin/standin-nix-env");
  writeFileSync(
    nixEnvWrapper,
    ["#!/bin/sh", "# homey-admin test target: the stand-in nix-env with the rig's state dir (not NixOS).", ...exports, `exec ${shellWord(path.join(PROJECT_ROOT, "lib/demo/standin/bin/standin-nix-env"))} "$@"`, ""].join("\n"),
  );
  chmodSync(nixEnvWrapper, 0o755);

  const machine = `homey-rig-${randomBytes(4).toString("hex")}`;
  const logPath = path.join(base, "nspawn.log");
  const log = createWriteStream(logPath, { flags: "a" });
  const child = spawn(
    "systemd-nspawn",
    [
      "-q",
      "-D",
      merged,
      "-M",
      machine,
      "--register=no",
      "--keep-unit",
      "--console=passive",
      `--bind-ro=${PROJECT_ROOT}`,
      `--bind=${options.dir}`,
      ...(options.binds ?? []).map((d) => `--bind=${d}`),
      // This node (the stand-in's upstream units run standin/upstreams.mjs) and Debian's caddy
      // (the proxy the health gate probes through), bound in rather than installed in the cached
      // rootfs: single binaries whose libraries (glibc, libstdc++) the bookworm rootfs has.
      // Without caddy the stand-in falls back to its node proxy, as on any machine.
      `--bind-ro=${process.execPath}:/usr/local/bin/node`,
      ...(existsSync("/usr/bin/caddy") ? ["--bind-ro=/usr/bin/caddy"] : []),
      "--boot",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  // Two sources, one file: neither may end it (the first to finish would, and the other's next
  // chunk would be a write after end); it ends when the container process has closed both.
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once("close", () => log.end());

  // A test process that dies without stop() must not leave a booted container behind.
  const onExit = () => {
    child.kill("SIGKILL");
    spawnSync("umount", ["-l", merged]);
  };
  process.once("exit", onExit);
  const stopContainer = async () => {
    process.removeListener("exit", onExit);
    await stopNspawn(child);
    await run("umount", [merged]).catch(() => run("umount", ["-l", merged]).catch(() => undefined));
  };

  try {
    await waitForSsh(port, child, logPath);
  } catch (error) {
    await stopContainer();
    throw error;
  }
  const initPid = () => {
    const pid = childPids(child.pid!)[0];
    if (!pid) throw new Error("the container's systemd is not running");
    return pid;
  };

  return {
    host: "127.0.0.1",
    port,
    user: "root",
    clientKeyPath,
    hostKeyFingerprint,
    pid: child.pid!,
    async exec(argv) {
      const { stdout } = await run("nsenter", ["-t", String(initPid()), "-a", ...argv]);
      return stdout;
    },
    nsenterPrefix: () => ["nsenter", "-t", String(initPid()), "-a"],
    sessionPids() {
      // The listener is the container systemd's sshd child; sessions are below it.
      const listener = descendantsNamed(initPid(), "sshd").find((pid) => childPids(initPid()).includes(pid));
      return listener ? descendantsNamed(listener, "sshd") : [];
    },
    env: {
      HOMEY_DEPLOY_TRANSPORT: "ssh",
      HOMEY_DEPLOY_DETACH: "systemd",
      HOMEY_DEPLOY_HOST: "127.0.0.1",
      HOMEY_DEPLOY_PORT: String(port),
      HOMEY_DEPLOY_USER: "root",
      HOMEY_DEPLOY_KEY_FILE: clientKeyPath,
      HOMEY_DEPLOY_HOST_KEY: hostKeyFingerprint,
      HOMEY_DEPLOY_FLAKE_ATTR: "pi-main",
      HOMEY_DEPLOY_NIX_ENV: "/usr/local/bin/standin-nix-env",
      ...(options.standinEnv.HOMEY_STANDIN_STATE_DIR
        ? {
            HOMEY_DEPLOY_SYSTEM_PROFILE: path.join(options.standinEnv.HOMEY_STANDIN_STATE_DIR, "profiles", "system"),
            HOMEY_DEPLOY_PREVIEW_ROOTS: standinPreviewRoots(options.standinEnv.HOMEY_STANDIN_STATE_DIR),
          }
        : {}),
    },
    stop: stopContainer,
  };
}

async function waitForSsh(port: number, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`systemd-nspawn exited with ${child.exitCode}: see ${logPath}`);
    try {
      const { stdout } = await run("ssh-keyscan", ["-T", "1", "-t", "ed25519", "-p", String(port), "127.0.0.1"]);
      if (stdout.includes("ssh-ed25519")) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the container's sshd did not answer on 127.0.0.1:${port} within 60 s: see ${logPath}`);
}

async function stopNspawn(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const init = childPids(child.pid!)[0];
  if (init) await run("nsenter", ["-t", String(init), "-a", "systemctl", "poweroff"]).catch(() => undefined);
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

function childPids(parent: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent) found.push(Number(entry));
    } catch {
      // exited
    }
  }
  return found;
}

function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
