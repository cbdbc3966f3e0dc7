// One SSH connection to the target carrying several commands (the detached deploy's
// start, journal follow, status polls, stop). Same host-key pinning and failure kinds as
// transport-ssh.ts. A long-running command is run under a pty so that closing its
// channel hangs it up (without a pty sshd leaves it running: RECIPES "Stopping a remote
// command over ssh2").
import "server-only";
import { Client, type ClientChannel } from "ssh2";
import { LineSplitter } from "./line-splitter";
import { type TransportExit, TransportFailure } from "./transport";
import { classify, prepareSsh, type SshTarget, sshConnectConfig, type SshTransportOptions } from "./transport-ssh";

export interface ExecOptions {
  /** Each output line (stdout and stderr); without it, output is collected and returned. */
  onLine?: (line: string) => void;
  /** Run under a pty (closing the channel then hangs the command up). */
  pty?: boolean;
  /** Closes the channel: the command is hung up (pty) and the exec resolves "aborted". */
  signal?: AbortSignal;
}

export interface ExecResult {
  exit: TransportExit;
  /** stdout + stderr when no onLine was given. */
  output: string;
}

export interface SshConnection {
  /** Runs one shell command line on the target. Rejects with connection_lost if the link drops. */
  exec(line: string, options?: ExecOptions): Promise<ExecResult>;
  end(): void;
}

export async function openSshConnection(target: SshTarget, options: SshTransportOptions = {}): Promise<SshConnection> {
  const { privateKey, policy } = await prepareSsh(target);
  const client = new Client();
  let presentedKey: string | null = null;
  let ready = false;
  let lostReason: string | null = null;
  const pending = new Set<(failure: TransportFailure) => void>();

  const lose = (reason: string) => {
    if (lostReason !== null) return;
    lostReason = reason;
    const failure = new TransportFailure("connection_lost", `connection lost: ${reason}`);
    for (const fail of pending) fail(failure);
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    client.once("ready", () => {
      ready = true;
      resolve();
    });
    client.on("error", (error: Error & { level?: string; code?: string }) => {
      if (!ready) reject(classify(error, { ready, presentedKey, expected: policy.expected, target }));
      else lose(error.message);
    });
    client.on("close", () => {
      if (!ready) reject(new TransportFailure("unreachable", `unreachable: ${target.host}:${target.port} closed the connection during the handshake`));
      else lose("the SSH connection closed");
    });
    try {
      client.connect(
        sshConnectConfig(target, privateKey, policy, options, (presented) => {
          presentedKey = presented;
        }),
      );
    } catch (error) {
      reject(new TransportFailure("key_unreadable", `the deploy private key cannot be used: ${(error as Error).message}`));
    }
  });

  return {
    exec(line, execOptions = {}) {
      return new Promise<ExecResult>((resolve, reject) => {
        if (lostReason !== null) {
          reject(new TransportFailure("connection_lost", `connection lost: ${lostReason}`));
          return;
        }
        if (execOptions.signal?.aborted) {
          resolve({ exit: { kind: "aborted" }, output: "" });
          return;
        }
        const chunks: string[] = [];
        const sink = execOptions.onLine ?? ((text: string) => chunks.push(text));
        const splitter = new LineSplitter(sink);
        let channel: ClientChannel | null = null;
        let exit: TransportExit | null = null;
        let aborted = false;
        let settled = false;
        const onAbort = () => {
          aborted = true;
          channel?.close();
        };
        const fail = (failure: TransportFailure) => finish(() => reject(failure));
        const finish = (how: () => void) => {
          if (settled) return;
          settled = true;
          pending.delete(fail);
          execOptions.signal?.removeEventListener("abort", onAbort);
          splitter.end();
          how();
        };
        pending.add(fail);
        execOptions.signal?.addEventListener("abort", onAbort, { once: true });
        const ptyOption = execOptions.pty ? { pty: { term: "dumb", cols: 500, rows: 50 } } : {};
        client.exec(line, ptyOption, (error, opened) => {
          if (error) {
            fail(new TransportFailure("connection_lost", `could not start a remote command: ${error.message}`));
            return;
          }
          channel = opened;
          if (aborted) opened.close();
          opened.on("data", (chunk: Buffer) => splitter.push(chunk));
          opened.stderr.on("data", (chunk: Buffer) => splitter.push(chunk));
          opened.on("exit", (code: number | null, signal?: string) => {
            exit = code !== null ? { kind: "exited", code } : { kind: "signalled", signal: signal ?? "unknown" };
          });
          opened.on("close", () => {
            if (aborted) finish(() => resolve({ exit: { kind: "aborted" }, output: chunks.join("\n") }));
            else if (exit) {
              const done = exit;
              finish(() => resolve({ exit: done, output: chunks.join("\n") }));
            } else fail(new TransportFailure("connection_lost", "connection lost: a remote command's channel closed without an exit status"));
          });
        });
      });
    },
    end() {
      client.end();
    },
  };
}

/** Opens a connection, runs `use`, always closes it. */
export async function withSshConnection<T>(
  target: SshTarget,
  options: SshTransportOptions,
  use: (connection: SshConnection) => Promise<T>,
): Promise<T> {
  const connection = await openSshConnection(target, options);
  try {
    return await use(connection);
  } finally {
    connection.end();
  }
}
