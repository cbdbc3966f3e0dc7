// What runs on the target, read FROM the target: `nixos-version --configuration-revision`
// (homey's flake sets system.configurationRevision = self.rev or "dirty") over the deploy's
// own transport — ssh2 or a local child process. The answer is cached briefly (every page
// shows the headline) and forgotten after each deploy (runner.ts), so it is never older than
// the last switch this app made.
import "server-only";
import { execFile } from "node:child_process";
import path from "node:path";
import { childProcessEnv } from "@/lib/config/load";
import { type DeployTarget, describeTarget } from "./config";
import { parseConfigurationRevision, type RunningRevision } from "./running-revision-parse";
import { shellCommandLine } from "./shell-quote";
import { withSshConnection } from "./ssh-connection";
import { TransportFailure } from "./transport";

export type { RunningRevision } from "./running-revision-parse";

/** Long enough that a page's several reads share one ssh round trip; short enough that a hand deploy shows soon. */
export const RUNNING_REVISION_TTL_MS = 15_000;
const READ_TIMEOUT_MS = 10_000;

/**
 * nixos-version lives beside nixos-rebuild: when the configured command is an absolute path
 * (the stand-in, /run/current-system/sw/bin/nixos-rebuild), the sibling; else the name on PATH.
 */
export function nixosVersionArgv(target: Pick<DeployTarget, "command">): string[] {
  const program = target.command.startsWith("/") ? path.posix.join(path.posix.dirname(target.command), "nixos-version") : "nixos-version";
  return [program, "--configuration-revision"];
}

export interface ReadRevisionOptions {
  /** Environment of the local child (the stand-in needs its state dir); default the app's. */
  env?: NodeJS.ProcessEnv;
}

export async function readRunningRevision(target: DeployTarget, options: ReadRevisionOptions = {}): Promise<RunningRevision> {
  const argv = nixosVersionArgv(target);
  try {
    if (target.transport === "local") {
      const result = await runLocal(argv, options.env ?? childProcessEnv());
      return parseConfigurationRevision(result.code, result.output);
    }
    const { exit, output } = await withSshConnection(target, { readyTimeoutMs: READ_TIMEOUT_MS }, (connection) =>
      connection.exec(shellCommandLine(argv)),
    );
    return parseConfigurationRevision(exit.kind === "exited" ? exit.code : null, output);
  } catch (error) {
    const message = error instanceof TransportFailure || error instanceof Error ? error.message : String(error);
    return { kind: "unreachable", reason: `could not ask ${describeTarget(target)} what runs there: ${message}` };
  }
}

function runLocal(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(argv[0], argv.slice(1), { env, timeout: READ_TIMEOUT_MS }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (!error) return resolve({ code: 0, output });
      const code = typeof error.code === "number" ? error.code : null;
      resolve({ code, output: output || error.message });
    });
  });
}

// ---- the short cache (per target description: ssh user@host:port, or local)

const globalForRevision = globalThis as unknown as {
  homeyRunningRevision?: Map<string, { at: number; value: Promise<RunningRevision> }>;
};

function cache(): Map<string, { at: number; value: Promise<RunningRevision> }> {
  globalForRevision.homeyRunningRevision ??= new Map();
  return globalForRevision.homeyRunningRevision;
}

export function cachedRunningRevision(
  target: DeployTarget,
  options: ReadRevisionOptions & { now?: number; read?: typeof readRunningRevision } = {},
): Promise<RunningRevision> {
  const key = describeTarget(target);
  const now = options.now ?? Date.now();
  const hit = cache().get(key);
  if (hit && now - hit.at < RUNNING_REVISION_TTL_MS) return hit.value;
  const value = (options.read ?? readRunningRevision)(target, options);
  cache().set(key, { at: now, value });
  return value;
}

/** After a deploy ended (whatever its outcome): the next read asks the target again. */
export function forgetRunningRevision(): void {
  cache().clear();
}
