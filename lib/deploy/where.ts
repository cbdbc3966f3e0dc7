// "Where am I, and what next": one status from three places — the draft (pending files),
// the repo (HEAD) and what runs on the target (read from it, running-revision.ts), plus the
// app's own deploy history to tell a homey-admin deploy from one made by hand. Pure: the
// overview, Quick and the Changes nav badge all show this one answer.
import type { RunningRevision } from "./running-revision-parse";

export interface WhereInput {
  /** Files Apply would write; null when the repo or draft could not be compared. */
  pendingFiles: number | null;
  head: { sha: string } | null;
  running: RunningRevision;
  /** Commits homey-admin activated on the target (successful switch/test). */
  deployedByApp: ReadonlySet<string>;
  /** The target's name as people know it (the flake attribute, e.g. pi-main). */
  targetName: string;
  /**
   * The running commit has the same tree as HEAD (HEAD is a revert commit back to what runs,
   * lib/rollout/roll-back.ts): the same configuration, so in sync.
   */
  runningSameAsHead?: boolean;
}

export type WhereKind =
  | "uncommitted"
  | "not_deployed"
  | "in_sync"
  | "foreign"
  | "dirty"
  | "unknown_running"
  | "no_commit"
  | "unavailable";

export interface WhereStatus {
  kind: WhereKind;
  /** One line, what the admin reads first. */
  headline: string;
  /** The next step, when there is one. */
  action: { label: string; href: string } | null;
  /** Something else worth knowing on the same line (the target runs a hand deploy while the draft has changes). */
  note: string | null;
  tone: "ok" | "todo" | "warn";
  /** The commit the target runs, when it said. */
  runningSha: string | null;
}

const short = (sha: string) => sha.slice(0, 7);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the target says, as a clause; null when it runs HEAD deployed by homey-admin, or could not say. */
function targetClause(input: WhereInput): { text: string; foreign: boolean } | null {
  const { running, head, targetName } = input;
  if (running.kind === "commit") {
    // HEAD running is only "in sync" when homey-admin put it there: a commit made and switched
    // to from a terminal is HEAD too (pushed, then nixos-rebuild by hand), and the admin should
    // know the target changed outside the app's history.
    if (head && running.sha === head.sha && input.deployedByApp.has(running.sha)) return null;
    const foreign = !input.deployedByApp.has(running.sha);
    return {
      text: foreign
        ? `${targetName} runs ${short(running.sha)}, which homey-admin did not deploy (deployed by hand?)`
        : `${targetName} runs ${short(running.sha)}`,
      foreign,
    };
  }
  if (running.kind === "dirty") {
    return { text: `${targetName} runs a build of uncommitted files ("dirty"), which homey-admin did not deploy`, foreign: true };
  }
  return null;
}

export function deriveWhere(input: WhereInput): WhereStatus {
  const { pendingFiles, head, running, targetName } = input;
  const runningSha = running.kind === "commit" ? running.sha : null;
  const target = targetClause(input);
  const base = { runningSha, note: null };

  if (pendingFiles === null) {
    return { ...base, kind: "unavailable", headline: "The draft cannot be compared with the repo right now", action: { label: "Changes", href: "/changes" }, tone: "warn", note: target?.text ?? null };
  }
  if (pendingFiles > 0) {
    return {
      ...base,
      kind: "uncommitted",
      headline: `${plural(pendingFiles, "change", "changes")} not committed`,
      action: { label: "Review", href: "/changes" },
      tone: "todo",
      note: target?.foreign ? target.text : null,
    };
  }
  if (!head) {
    return { ...base, kind: "no_commit", headline: "The homey repo has no commit yet", action: { label: "Changes", href: "/changes" }, tone: "todo" };
  }
  const deploy = { label: `Deploy ${short(head.sha)}`, href: "/deploys" };
  if (running.kind === "commit" && running.sha === head.sha && target?.foreign) {
    // A hand deploy of HEAD itself: the configuration matches the repo, so no Deploy is offered
    // (Redeploy on the Deploys page records it as homey-admin's), but the hand deploy is named.
    return { ...base, kind: "foreign", headline: target.text, action: null, tone: "warn", note: `${short(head.sha)} is HEAD: the target runs what the repo holds.` };
  }
  if (running.kind === "commit" && running.sha === head.sha) {
    return { ...base, kind: "in_sync", headline: `in sync: ${short(head.sha)} runs on ${targetName}`, action: null, tone: "ok" };
  }
  if (running.kind === "commit" && input.runningSameAsHead) {
    return {
      ...base,
      kind: "in_sync",
      headline: `in sync: ${targetName} runs ${short(running.sha)}, the same configuration as ${short(head.sha)}`,
      action: null,
      tone: "ok",
    };
  }
  if (target?.foreign) {
    return { ...base, kind: running.kind === "dirty" ? "dirty" : "foreign", headline: target.text, action: deploy, tone: "warn" };
  }
  if (running.kind === "commit") {
    return {
      ...base,
      kind: "not_deployed",
      headline: `commit ${short(head.sha)} committed, not deployed`,
      action: deploy,
      tone: "todo",
      note: target?.text ?? null,
    };
  }
  // The target could not say what runs: say so, and what the app's own history believes.
  const believed = input.deployedByApp.has(head.sha) ? ` homey-admin deployed ${short(head.sha)} earlier.` : "";
  return {
    ...base,
    kind: "unknown_running",
    headline: `commit ${short(head.sha)} committed; what runs on ${targetName} is unknown`,
    action: deploy,
    tone: "warn",
    note: `${"reason" in running ? running.reason : "no answer"}.${believed}`.replace(/\.\./g, "."),
  };
}
