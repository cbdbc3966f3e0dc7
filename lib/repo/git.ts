import "server-only";
import { simpleGit, type SimpleGit } from "simple-git";

/** Committer of every commit the app makes; the author is the admin who pressed Apply. */
export const APP_COMMITTER_NAME = "homey-admin";

export function appCommitterEmail(domain: string): string {
  return `homey-admin@${domain}`;
}

/**
 * A simple-git handle on one repo. The committer identity is set per command (`-c`), so
 * the app works on a machine without a global git identity and never changes the repo's
 * config. simple-git strips ambient GIT_* variables, so a stray GIT_DIR cannot redirect it.
 * Every non-zero exit throws (see `errors`).
 */
export function openGit(path: string, domain = "homey.invalid"): SimpleGit {
  return simpleGit({
    baseDir: path,
    maxConcurrentProcesses: 4,
    config: [
      `user.name=${APP_COMMITTER_NAME}`,
      `user.email=${appCommitterEmail(domain)}`,
      // File names in status/diff output come back as UTF-8, not octal-escaped.
      "core.quotePath=false",
      // Commits must never open an editor or sign with a key the server does not have.
      "commit.gpgSign=false",
    ],
    // simple-git only fails a command that wrote to stderr; `git commit` with nothing to
    // commit or `merge-base --is-ancestor` exit non-zero silently. Every non-zero exit must
    // throw here, or a failed step would look like success.
    errors(error, result) {
      if (error) return error;
      if (result.exitCode === 0) return undefined;
      const output = Buffer.concat([...result.stdErr, ...result.stdOut]);
      return output.length > 0 ? output : new Error(`git exited with code ${result.exitCode}`);
    },
  });
}

/** The text of a git failure, without simple-git's wrapping, for error messages. */
export function gitErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split("\n").filter(Boolean).slice(0, 12).join("\n");
}
