// Commits as the UI shows them, and finding the app's own commits by their trailer.
import "server-only";
import type { SimpleGit } from "simple-git";
import { APP_TRAILER_KEY } from "./ownership";

export interface CommitInfo {
  sha: string;
  shortSha: string;
  /** First line of the message. */
  subject: string;
  /** The whole message, trailers included. */
  message: string;
  authorName: string;
  authorEmail: string;
  /** ISO 8601 author date. */
  date: string;
  /** True when the commit carries the Homey-Admin trailer. */
  byApp: boolean;
}

const FIELD = "\x1f";
const RECORD = "\x1e";
const FORMAT = ["%H", "%an", "%ae", "%aI", `%(trailers:key=${APP_TRAILER_KEY},valueonly,separator=%x2c)`, "%B"].join("%x1f") + "%x1e";

function parseLog(out: string): CommitInfo[] {
  return out
    .split(RECORD)
    .map((r) => r.replace(/^\n/, ""))
    .filter((r) => r.includes(FIELD))
    .map((record) => {
      const [sha, authorName, authorEmail, date, trailer, message] = record.split(FIELD);
      return {
        sha,
        shortSha: sha.slice(0, 7),
        subject: message.split("\n")[0] ?? "",
        message: message.trimEnd(),
        authorName,
        authorEmail,
        date,
        byApp: trailer.trim() !== "",
      };
    });
}

/** `git log` of `range` (e.g. "HEAD", "a..HEAD"), optionally only commits touching `paths`. */
export async function listCommits(
  git: SimpleGit,
  range: string,
  options: { max?: number; paths?: string[]; grep?: string } = {},
): Promise<CommitInfo[]> {
  const args = ["log", `--format=${FORMAT}`];
  if (options.max) args.push(`--max-count=${options.max}`);
  if (options.grep) args.push(`--grep=${options.grep}`);
  args.push(range, "--");
  if (options.paths) args.push(...options.paths);
  return parseLog(await git.raw(args));
}

export async function commitInfo(git: SimpleGit, rev: string): Promise<CommitInfo | null> {
  const [commit] = await listCommits(git, rev, { max: 1 });
  return commit ?? null;
}

/**
 * The newest commit made by homey-admin (Apply, or the demo's initial commit): the baseline
 * for drift. git's --grep narrows the walk; the parsed trailer confirms it (a message that
 * only mentions "Homey-Admin:" in its body does not count).
 */
export async function lastAppCommit(git: SimpleGit, rev = "HEAD"): Promise<CommitInfo | null> {
  const candidates = await listCommits(git, rev, { grep: `^${APP_TRAILER_KEY}:`, max: 50 });
  return candidates.find((c) => c.byApp) ?? null;
}
