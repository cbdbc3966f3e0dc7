import "server-only";
import { spawn } from "node:child_process";
import { childProcessEnv } from "@/lib/config/load";

/** Committer of every commit the app makes; the author is the admin who pressed Apply. */
export const APP_COMMITTER_NAME = "homey-admin";

export function appCommitterEmail(domain: string): string {
  return `homey-admin@${domain}`;
}

/** A git working copy: run git in it. Rejects on any non-zero exit, with git's own words. */
export interface Git {
  /** stdout as UTF-8; `stdin`, when given, is git's standard input. */
  raw(args: readonly string[], stdin?: string): Promise<string>;
  /** stdout as bytes (blob contents). */
  rawBuffer(args: readonly string[]): Promise<Buffer>;
}

/**
 * A handle on one repo. The committer identity is set per command (`-c`), so the app works
 * on a machine without a global git identity and never changes the repo's config. Ambient
 * GIT_* variables are dropped, so a stray GIT_DIR cannot redirect it. Every non-zero exit
 * throws, or a failed step (`commit` with nothing to commit, `merge-base --is-ancestor`)
 * would look like success.
 *
 * Spawned directly rather than through simple-git: simple-git waits an extra 50 ms after
 * every command that prints nothing (`add`, `commit --quiet`, `fetch --quiet`, `update-ref`),
 * which was most of Apply's time.
 */
export function openGit(path: string, domain = "homey.invalid"): Git {
  const config = [
    `user.name=${APP_COMMITTER_NAME}`,
    `user.email=${appCommitterEmail(domain)}`,
    // File names in status/diff output come back as UTF-8, not octal-escaped.
    "core.quotePath=false",
    // Commits must never open an editor or sign with a key the server does not have.
    "commit.gpgSign=false",
  ].flatMap((c) => ["-c", c]);
  const run = (args: readonly string[], stdin?: string) => runGit(path, [...config, ...args], stdin);
  return {
    raw: async (args, stdin) => (await run(args, stdin)).toString("utf8"),
    rawBuffer: (args) => run(args),
  };
}

function gitEnvironment(): NodeJS.ProcessEnv {
  const env = childProcessEnv();
  for (const key of Object.keys(env)) if (key.toUpperCase().startsWith("GIT_")) delete env[key];
  // A remote that asks for a password fails at once instead of waiting for a terminal.
  env.GIT_TERMINAL_PROMPT = "0";
  // A read never takes a lock: `git status` would otherwise rewrite the index (holding
  // index.lock) while a page renders, and a commit in the same clone at that moment — a
  // rollback's revert commit, an Apply — fails with "index.lock: File exists".
  env.GIT_OPTIONAL_LOCKS = "0";
  return env;
}

function runGit(cwd: string, args: string[], stdin?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, env: gitEnvironment(), stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.on("error", () => {}); // git may exit before reading it all; its exit code says why
    child.stdin.end(stdin ?? "");
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(stdout));
      const output = Buffer.concat([...stderr, ...stdout]).toString("utf8").trim();
      reject(new Error(output || `git ${args.filter((a, i) => args[i - 1] !== "-c" && a !== "-c")[0] ?? ""} exited with ${signal ?? `code ${code}`}`));
    });
  });
}

/** The text of a git failure (its first lines), for error messages. */
export function gitErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").filter(Boolean).slice(0, 12).join("\n");
}
