// Commits as the UI shows them, and finding the app's own commits by their trailer.
import "server-only";
import type { Git } from "./git";
import { cachedByCommit, commitKey } from "./commit-cache";
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
  git: Git,
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

export async function commitInfo(git: Git, rev: string): Promise<CommitInfo | null> {
  const read = async () => (await listCommits(git, rev, { max: 1 }))[0] ?? null;
  // A commit named by its SHA never changes; "HEAD" does.
  return FULL_SHA.test(rev) ? cachedByCommit(commitKey("commit", rev), read, (c) => c !== null) : read();
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * The newest commit made by homey-admin (Apply, or the demo's initial commit): the baseline
 * for drift. git's --grep narrows the walk; the parsed trailer confirms it (a message that
 * only mentions "Homey-Admin:" in its body does not count).
 */
export async function lastAppCommit(git: Git, rev = "HEAD"): Promise<CommitInfo | null> {
  // The history behind a SHA is fixed, so is the newest app commit in it.
  if (FULL_SHA.test(rev)) return cachedByCommit(commitKey("last-app-commit", rev), () => lastAppCommitUncached(git, rev));
  return lastAppCommitUncached(git, rev);
}

async function lastAppCommitUncached(git: Git, rev: string): Promise<CommitInfo | null> {
  const candidates = await listCommits(git, rev, { grep: `^${APP_TRAILER_KEY}:`, max: 50 });
  return candidates.find((c) => c.byApp) ?? null;
}
