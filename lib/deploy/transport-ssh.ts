// Runs nixos-rebuild on the target over SSH (ssh2). Three things matter here:
// - the host key is pinned (host-key.ts): an unknown or changed key is refused, and the
//   error shows the expected and the presented fingerprints;
// - the command runs under a pty: closing the channel then hangs up the remote process
//   group (SIGHUP). Without a pty sshd leaves it running, and signals over the channel are
//   ignored for root logins (OpenSSH 9.2);
// - failures are told apart (unreachable, auth, host key, connection lost) because each
//   needs a different fix.
import "server-only";
import { readFile } from "node:fs/promises";
import { Client, type ClientChannel, type ConnectConfig } from "ssh2";
import { type RebuildCommand, remoteCommandLine } from "./command";
import type { SshDeployTarget } from "./config";
import { hostKeyPolicy, keyTypeOf, sshFingerprint } from "./host-key";
import { LineSplitter } from "./line-splitter";
import { type DeployTransport, type TransportExit, type TransportIO, TransportFailure } from "./transport";

export interface SshTransportOptions {
  /** Handshake deadline; an unanswering host is "unreachable" after it. */
  readyTimeoutMs?: number;
  /** Keepalives detect a silently dead link (Pi unplugged) as "connection lost". */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

export type SshTarget = Pick<SshDeployTarget, "host" | "port" | "user" | "keyFile" | "hostKey">;

export function createSshTransport(target: SshTarget, options: SshTransportOptions = {}): DeployTransport {
  return {
    async run(command, io) {
      const { privateKey, policy } = await prepareSsh(target);
      return runOverSsh(command, io, target, privateKey, policy, options);
    },
  };
}

export type HostKeyCheck = Awaited<ReturnType<typeof hostKeyPolicy>>;

/** The private key and the host key policy, or the TransportFailure saying which is wrong. */
export async function prepareSsh(target: SshTarget): Promise<{ privateKey: Buffer; policy: HostKeyCheck }> {
  const privateKey = await readPrivateKey(target.keyFile);
  const policy = await hostKeyPolicy(target.hostKey, target.host, target.port).catch((error: Error) => {
    throw new TransportFailure("host_key_refused", `cannot read the known_hosts file: ${error.message}`);
  });
  if (policy.expected.length === 0) {
    throw new TransportFailure(
      "host_key_refused",
      `host key refused: the known_hosts file has no key for ${target.host} port ${target.port}`,
    );
  }
  return { privateKey, policy };
}

/** ssh2 settings shared by every connection to the target: pinned key type, keepalives. */
export function sshConnectConfig(
  target: SshTarget,
  privateKey: Buffer,
  policy: HostKeyCheck,
  options: SshTransportOptions,
  onHostKey: (presented: string) => void,
): ConnectConfig {
  return {
    host: target.host,
    port: target.port,
    username: target.user,
    privateKey,
    algorithms: { serverHostKey: policy.algorithms as NonNullable<ConnectConfig["algorithms"]>["serverHostKey"] },
    hostVerifier: (key: Buffer) => {
      onHostKey(`${keyTypeOf(key)} ${sshFingerprint(key)}`);
      return policy.accepts(key);
    },
    readyTimeout: options.readyTimeoutMs ?? 20_000,
    keepaliveInterval: options.keepaliveIntervalMs ?? 10_000,
    keepaliveCountMax: options.keepaliveCountMax ?? 3,
  };
}

/** Read at connect time only; the key never leaves this function's caller. */
async function readPrivateKey(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new TransportFailure("key_unreadable", `cannot read the deploy private key (HOMEY_DEPLOY_KEY_FILE): ${code}`);
  }
}

function runOverSsh(
  command: RebuildCommand,
  io: TransportIO,
  target: SshTarget,
  privateKey: Buffer,
  policy: HostKeyCheck,
  options: SshTransportOptions,
): Promise<TransportExit> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let presentedKey: string | null = null;
    let ready = false;
    let stream: ClientChannel | null = null;
    let exit: TransportExit | null = null;
    let aborted = false;
    let settled = false;
    // Nothing reaches the caller after the outcome is known.
    const splitter = new LineSplitter((line) => {
      if (!settled) io.onLine(line);
    });

    const settle = (outcome: { exit: TransportExit } | { failure: TransportFailure }) => {
      if (settled) return;
      io.signal.removeEventListener("abort", onAbort);
      splitter.end();
      settled = true;
      client.end();
      if ("exit" in outcome) resolve(outcome.exit);
      else reject(outcome.failure);
    };

    const onAbort = () => {
      aborted = true;
      // Closing the channel and the connection hangs up the pty: the remote group gets SIGHUP.
      stream?.close();
      client.end();
      if (!ready) settle({ exit: { kind: "aborted" } });
    };
    if (io.signal.aborted) {
      resolve({ kind: "aborted" });
      return;
    }
    io.signal.addEventListener("abort", onAbort, { once: true });

    client.on("ready", () => {
      ready = true;
      client.exec(
        remoteCommandLine(command),
        // A dumb terminal: no colours or progress bars meant for a human screen.
        { pty: { term: "dumb", cols: 200, rows: 50 } },
        (error, channel) => {
          if (error) {
            settle({ failure: new TransportFailure("connection_lost", `could not start the remote command: ${error.message}`) });
            return;
          }
          stream = channel;
          if (aborted) channel.close();
          channel.on("data", (chunk: Buffer) => splitter.push(chunk));
          channel.stderr.on("data", (chunk: Buffer) => splitter.push(chunk));
          channel.on("exit", (code: number | null, signal?: string) => {
            exit = code !== null ? { kind: "exited", code } : { kind: "signalled", signal: signal ?? "unknown" };
          });
          channel.on("close", () => {
            if (aborted) settle({ exit: { kind: "aborted" } });
            else if (exit) settle({ exit });
            else settle({ failure: new TransportFailure("connection_lost", "connection lost: the command's channel closed without an exit status") });
          });
        },
      );
    });

    client.on("error", (error: Error & { level?: string; code?: string }) => {
      if (aborted) return settle({ exit: { kind: "aborted" } });
      settle({ failure: classify(error, { ready, presentedKey, expected: policy.expected, target }) });
    });

    client.on("close", () => {
      if (aborted) return settle({ exit: { kind: "aborted" } });
      if (exit) return settle({ exit });
      settle({
        failure: ready
          ? new TransportFailure("connection_lost", "connection lost: the SSH connection closed before the command finished")
          : new TransportFailure("unreachable", `unreachable: ${target.host}:${target.port} closed the connection during the handshake`),
      });
    });

    const config = sshConnectConfig(target, privateKey, policy, options, (presented) => {
      presentedKey = presented;
    });
    try {
      client.connect(config);
    } catch (error) {
      // ssh2 throws synchronously for a key it cannot parse (or one with a passphrase).
      settle({ failure: new TransportFailure("key_unreadable", `the deploy private key cannot be used: ${(error as Error).message}`) });
    }
  });
}

export function classify(
  error: Error & { level?: string; code?: string },
  context: { ready: boolean; presentedKey: string | null; expected: string[]; target: SshTarget },
): TransportFailure {
  const { ready, presentedKey, expected, target } = context;
  if (ready) return new TransportFailure("connection_lost", `connection lost: ${error.message}`);
  if (error.level === "client-authentication") {
    return new TransportFailure(
      "auth_failed",
      `authentication failed: ${target.host} did not accept the deploy key for user ${target.user}`,
    );
  }
  if (error.level === "handshake" && presentedKey !== null && /verification failed/i.test(error.message)) {
    return new TransportFailure(
      "host_key_refused",
      `host key refused: ${target.host}:${target.port} presented ${presentedKey}, expected ${expected.join(" or ")}. ` +
        "If the target was reinstalled, verify the new key out of band and update the pinned key.",
    );
  }
  if (error.level === "handshake" && /no matching host key/i.test(error.message)) {
    return new TransportFailure(
      "host_key_refused",
      `host key refused: ${target.host}:${target.port} offers no host key of the pinned type (${expected.join(" or ")})`,
    );
  }
  const reason = error.code ?? error.message;
  return new TransportFailure("unreachable", `unreachable: cannot connect to ${target.host}:${target.port} (${reason})`);
}
