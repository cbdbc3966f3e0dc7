// Runs nixos-rebuild on this machine (the app on the Pi itself, or demo mode with the
// stand-in): spawn with an argv, no shell. The child leads its own process group so a
// cancel reaches nix and its builders, not only the wrapper script.
import "server-only";
import { childProcessEnv } from "@/lib/config/load";
import { spawn } from "node:child_process";
import type { RebuildCommand } from "./command";
import { LineSplitter } from "./line-splitter";
import { type DeployTransport, type TransportExit, type TransportIO, TransportFailure } from "./transport";

/** SIGTERM first (nix cleans up its builders), SIGKILL if the group outlives this. */
export const KILL_GRACE_MS = 5000;

export interface LocalTransportOptions {
  /** Environment for the child; defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function createLocalTransport(options: LocalTransportOptions = {}): DeployTransport {
  return {
    run(command, io) {
      return runLocal(command, io, options);
    },
  };
}

function runLocal(command: RebuildCommand, io: TransportIO, options: LocalTransportOptions): Promise<TransportExit> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = command.argv;
    const child = spawn(program, args, {
      env: options.env ?? childProcessEnv(),
      cwd: options.cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Separate splitters: stdout and stderr interleave by line, never inside one.
    const out = new LineSplitter(io.onLine);
    const err = new LineSplitter(io.onLine);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));

    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is already gone.
      }
    };
    const onAbort = () => {
      aborted = true;
      killGroup("SIGTERM");
      killTimer = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
      killTimer.unref();
    };
    if (io.signal.aborted) onAbort();
    else io.signal.addEventListener("abort", onAbort, { once: true });

    child.on("error", (error: NodeJS.ErrnoException) => {
      io.signal.removeEventListener("abort", onAbort);
      reject(new TransportFailure("spawn_failed", `could not start ${program}: ${error.code ?? error.message}`));
    });
    // "close" comes after both pipes are drained: no line is lost.
    child.on("close", (code, signal) => {
      io.signal.removeEventListener("abort", onAbort);
      if (killTimer) clearTimeout(killTimer);
      out.end();
      err.end();
      // Whatever the wrapper did, do not leave its builders behind.
      if (aborted) killGroup("SIGKILL");
      if (aborted) resolve({ kind: "aborted" });
      else if (code !== null) resolve({ kind: "exited", code });
      else resolve({ kind: "signalled", signal: signal ?? "unknown" });
    });
  });
}
