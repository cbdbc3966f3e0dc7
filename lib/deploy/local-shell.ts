// The detached deploy's commands run on THIS machine (transport local, the app on the Pi
// itself): the same command lines transport-systemd.ts sends over SSH, through `sh -c` in a
// child of its own process group, so aborting a follow (journalctl --follow) kills it.
// `prefix` runs each line through a wrapper first (the test rig enters its systemd
// container with nsenter).
import "server-only";
import { spawn } from "node:child_process";
import { childProcessEnv } from "@/lib/config/load";
import { LineSplitter } from "./line-splitter";
import type { ExecOptions, ExecResult, SshConnection } from "./ssh-connection";
import { TransportFailure } from "./transport";

export interface LocalShellOptions {
  prefix?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Shaped like an SSH connection (the detached transport takes either); nothing to close. */
export function localShell(options: LocalShellOptions = {}): SshConnection {
  return {
    exec: (line, execOptions) => execLocal(line, execOptions ?? {}, options),
    end() {},
  };
}

function execLocal(line: string, { onLine, signal }: ExecOptions, options: LocalShellOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const argv = [...(options.prefix ?? []), "sh", "-c", line];
    const child = spawn(argv[0], argv.slice(1), { env: options.env ?? childProcessEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const take = onLine ?? ((text: string) => (output += `${text}\n`));
    const out = new LineSplitter(take);
    const err = new LineSplitter(take);
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener("abort", onAbort);
      reject(new TransportFailure("spawn_failed", `could not run ${argv[0]}: ${error.code ?? error.message}`));
    });
    child.on("close", (code, killedBy) => {
      signal?.removeEventListener("abort", onAbort);
      out.end();
      err.end();
      const exit = aborted ? { kind: "aborted" as const } : code !== null ? { kind: "exited" as const, code } : { kind: "signalled" as const, signal: killedBy ?? "unknown" };
      resolve({ exit, output });
    });
  });
}
