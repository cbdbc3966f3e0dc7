// A real OpenSSH sshd on 127.0.0.1 for deploy tests: its own ed25519 host key, a client
// key in its authorized_keys, a random free port, and a PATH whose first entry holds the
// stand-in nixos-rebuild. It runs in a private mount namespace with a tmpfs /run (sshd
// needs /run/sshd), so the machine's /run is left alone. Loopback only.
//
// Plain Node (no server-only imports): used by vitest, Playwright and the rig CLI.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../lib/testing/ports";

const run = promisify(execFile);

export interface SshdOptions {
  /** Directory for keys, config, pid and log (must exist). */
  dir: string;
  /** Prepended to the session PATH (the stand-in's bin directory). */
  pathPrepend?: string[];
  /** Extra environment for every session (sshd_config SetEnv; no spaces in values). */
  sessionEnv?: Record<string, string>;
}

export interface SshdHandle {
  host: "127.0.0.1";
  port: number;
  /** The login user: whoever runs the tests (root on the CI machine). */
  user: string;
  /** `ssh-keygen -lf` of the host key: "SHA256:..." */
  hostKeyFingerprint: string;
  /** A known_hosts file naming [127.0.0.1]:port with the host key. */
  knownHostsPath: string;
  /** Private key the server accepts. */
  clientKeyPath: string;
  pid: number;
  logPath: string;
  /** PIDs of the per-connection sshd processes (to cut a session like a dropped link). */
  sessionPids(): number[];
  stop(): Promise<void>;
}

const SSHD = "/usr/sbin/sshd";

export async function generateKey(file: string, comment: string): Promise<void> {
  await run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file]);
}

export async function fingerprintOf(publicKeyFile: string): Promise<string> {
  const { stdout } = await run("ssh-keygen", ["-l", "-E", "sha256", "-f", publicKeyFile]);
  return stdout.split(/\s+/)[1];
}


export async function startSshd(options: SshdOptions): Promise<SshdHandle> {
  const { dir } = options;
  const hostKey = path.join(dir, "ssh_host_ed25519_key");
  const clientKeyPath = path.join(dir, "client_ed25519_key");
  await generateKey(hostKey, "homey-admin test rig host");
  await generateKey(clientKeyPath, "homey-admin test rig client");
  writeFileSync(path.join(dir, "authorized_keys"), readFileSync(`${clientKeyPath}.pub`));
  const hostKeyFingerprint = await fingerprintOf(`${hostKey}.pub`);

  const sessionPath = [...(options.pathPrepend ?? []), "/usr/local/bin", "/usr/bin", "/bin"].join(":");
  const setEnv = Object.entries({ PATH: sessionPath, ...options.sessionEnv })
    .map(([name, value]) => {
      if (/\s|"/.test(value)) throw new Error(`sshd SetEnv value for ${name} must not contain spaces or quotes`);
      return `${name}=${value}`;
    })
    .join(" ");

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const configPath = path.join(dir, "sshd_config");
    writeFileSync(
      configPath,
      [
        `Port ${port}`,
        "ListenAddress 127.0.0.1",
        `HostKey ${hostKey}`,
        `PidFile ${path.join(dir, "sshd.pid")}`,
        `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "UsePAM no",
        // Temp dirs are world-writable: StrictModes would refuse the key files.
        "StrictModes no",
        "PrintMotd no",
        "LogLevel VERBOSE",
        `SetEnv ${setEnv}`,
        "",
      ].join("\n"),
    );
    const logPath = path.join(dir, "sshd.log");
    const child = spawn(
      "unshare",
      [
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        'mount -t tmpfs -o mode=755 tmpfs /run && mkdir -m 755 /run/sshd && exec "$0" -D -e -f "$1"',
        SSHD,
        configPath,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const log = createWriteStream(logPath, { flags: "a" });
    // Two sources, one file: neither may end it (a write after end); it ends when sshd has closed both.
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once("close", () => log.end());
    try {
      await waitForBanner(port, child);
    } catch (error) {
      lastError = error;
      child.kill("SIGKILL");
      continue;
    }
    const knownHostsPath = path.join(dir, "known_hosts");
    const publicKey = readFileSync(`${hostKey}.pub`, "utf8").trim().split(/\s+/).slice(0, 2).join(" ");
    writeFileSync(knownHostsPath, `[127.0.0.1]:${port} ${publicKey}\n`);
    return {
      host: "127.0.0.1",
      port,
      user: os.userInfo().username,
      hostKeyFingerprint,
      knownHostsPath,
      clientKeyPath,
      pid: child.pid!,
      logPath,
      sessionPids: () => descendantsNamed(child.pid!, "sshd"),
      stop: () => stopSshd(child),
    };
  }
  throw new Error(`sshd did not start: ${String(lastError)}`);
}

/** Ready when it speaks SSH (what ssh-keyscan waits for), or failed when it exits. */
async function waitForBanner(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}`);
    if (await readsBanner(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("sshd did not answer within 10 s");
}

function readsBanner(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (data) => done(data.toString("latin1").startsWith("SSH-2.0-")));
    socket.connect(port, "127.0.0.1");
  });
}

async function stopSshd(child: ChildProcess): Promise<void> {
  // Sessions outlive the listener: end them first (by pid), then the listener.
  for (const pid of descendantsNamed(child.pid!, "sshd")) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

/** Processes below `rootPid` whose command name is `name` (from /proc). */
export function descendantsNamed(rootPid: number, name: string): number[] {
  const children = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      const pid = Number(entry);
      names.set(pid, comm);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (names.get(pid) === name) found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}
