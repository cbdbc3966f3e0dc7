// Apply, the orchestration above lib/repo (git only) and lib/changes (derive only): the draft becomes a commit in the homey repo. One Apply at a time per repo; every
// refusal happens before the first write, and every failure after it puts the repo back
// exactly as it was (HEAD, index, files), so there is never a half-applied state.
import "server-only";
import type { Git } from "@/lib/repo/git";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { compareDraftWithHead, summarizeComparison, type DraftComparison } from "@/lib/changes/pending";
import { renderDraft } from "@/lib/changes/render-draft";
import { readRepoValues } from "@/lib/changes/repo-values";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { checkDraft, type Finding } from "@/lib/checks";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { assertCommittable } from "./check-gate";
import { loadDraftSnapshot } from "@/lib/model/draft";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { parseCheckCached } from "@/lib/nix/check";
import { restoreCheckpoint, takeCheckpoint, type RepoCheckpoint } from "@/lib/repo/checkpoint";
import { commitAuthor } from "@/lib/repo/commit-author";
import { commitInfo, listCommits, type CommitInfo } from "@/lib/repo/commits";
import { gitErrorText } from "@/lib/repo/git";
import { withRepoLock } from "@/lib/repo/lock";
import { openRepo } from "@/lib/repo/open-repo";
import { readFilesAtRev } from "@/lib/repo/read-files";
import { withAppTrailer } from "@/lib/repo/ownership";
import type { RepoSettings } from "@/lib/repo/settings";
import { dirtyTreeError } from "@/lib/repo/status";
import { assertBranchIs, fastForwardFromRemote, fetchRemoteBranch, pushToRemote } from "@/lib/repo/sync";
import { hasStagedChanges, stageGeneratedFiles, writeGeneratedFiles } from "@/lib/repo/write-generated";

export interface ApplyInput {
  /** The admin pressing Apply: becomes the commit author and the audit event's actor. */
  admin: AdminContext;
  settings: RepoSettings;
  /** The commit message as edited; empty/undefined = the default summary, computed now. */
  message?: string;
  /**
   * The host name the admin typed to commit a draft with lockout findings anyway. Only
   * lockout findings can be overridden this way; any other error still refuses.
   */
  confirmLockout?: string;
  demo?: boolean;
}

export type ApplyResult =
  | {
      status: "committed";
      commit: CommitInfo;
      files: string[];
      pushed: boolean;
      /** The clone was behind the remote and was fast-forwarded first. */
      fastForwarded: boolean;
      /** False where Nix is not installed (the syntax check was skipped). */
      nixChecked: boolean;
    }
  | {
      status: "nothing";
      head: CommitInfo | null;
      fastForwarded: boolean;
      /** Uncommitted hand edits in generated/ were replaced by the (identical to HEAD) draft. */
      overwroteHandEdits: boolean;
    };

type Step = "sync" | "check" | "write" | "commit" | "push";

export async function applyDraft(input: ApplyInput): Promise<ApplyResult> {
  const { settings } = input;
  const { db, identity, actor, actorName } = assertAdmin(input.admin);
  const git = await openRepo(settings, { demo: input.demo });
  let overridden: Finding[] = [];
  const result = await withRepoLock(settings.path, async (): Promise<ApplyResult> => {
    // The fetch only moves our tracking ref: it runs beside the draft's load and render and
    // the repo reads; its answer (or failure) is taken at the sync step, in the same order as before.
    const fetching = fetchRemoteBranch(git, settings);
    fetching.catch(() => undefined);
    // Rendered inside the lock: a second Apply sees the draft and HEAD the first one left.
    const draft = await loadDraftSnapshot(input.admin);
    const rendered = renderDraft(draft);
    // Nix's check needs only the rendered files, so it runs beside the git reads and the
    // fetch; its answer is awaited (and obeyed) before the first write, as before.
    // Cached by content: the Changes page the admin just read checked these very bytes.
    const checking = parseCheckCached(rendered);
    checking.catch(() => undefined); // awaited below; a refusal before that must not leave it unhandled
    const before = await compareDraftWithHead(git, settings, draft, rendered);
    assertBranchIs(before.state.branch, settings);
    if (!before.state.head) {
      throw new AppError("REPO_FAILED", `The homey repo at ${settings.path} has no commits yet; commit homey's flake there first.`);
    }
    if (before.state.foreignChanges.length > 0) throw dirtyTreeError(settings.path, before.state.foreignChanges);
    // The checker, again, on the draft as it is now (inside the lock, before the first write):
    // errors refuse the commit here, whichever page asked. Lockout errors only yield to the
    // typed host name.
    overridden = assertCommittable(
      checkDraft(await loadCheckDraft(input.admin, { domain: settings.domain }), viewerOf(input.admin)),
      input.confirmLockout,
    );
    // The default message needs the values at HEAD (Nix, cached per commit): also in parallel.
    const wantsDefaultMessage = !input.message?.trim();
    // Its JS part (comparing thousands of entities) runs after the fetch has been spawned.
    let describing = wantsDefaultMessage && before.files.length > 0 ? afterSpawns(() => defaultMessageFor(before, draft, settings)) : null;

    // From here on the repo may change: everything below restores this checkpoint on failure.
    let checkpoint = takeCheckpoint({ ...before.state, head: before.state.head }, settings.generatedDir);
    const touched = new Set<string>();
    let step: Step = "sync";
    try {
      // Hand edits to our files would block a fast-forward; they are saved in the checkpoint
      // and Apply overwrites them anyway.
      const prefix = `${settings.generatedDir}/`;
      await discardOwnedEdits(
        git,
        before.state.ownedEdits.map((c) => c.path),
        (p) => p.startsWith(prefix) && Object.hasOwn(before.state.headFiles, p.slice(prefix.length)),
      );
      const sync = await fastForwardFromRemote(git, settings, before.state.head, fetching);
      const now = sync.fastForwarded ? await compareDraftWithHead(git, settings, draft, rendered) : before;
      const fastForwarded = sync.fastForwarded !== null;
      if (sync.fastForwarded && now.files.length > 0) {
        const handEdits = await handEditsArrived(git, settings, sync.fastForwarded.from, sync.fastForwarded.to);
        if (handEdits) {
          // Keep the fast-forward (nothing local to lose) so the page can show those edits.
          if (before.state.ownedEdits.length === 0) {
            checkpoint = takeCheckpoint({ ...now.state, head: sync.fastForwarded.to }, settings.generatedDir);
          }
          throw handEdits;
        }
      }
      // Described against the HEAD we commit on.
      if (now !== before) describing = null;

      if (now.files.length === 0) {
        return {
          status: "nothing",
          head: await commitInfo(git, "HEAD"),
          fastForwarded,
          overwroteHandEdits: before.state.ownedEdits.length > 0,
        };
      }

      step = "check";
      const check = await checking;
      if (!check.ok) {
        const where = check.errors.map((e) => `${settings.generatedDir}/${e.file}:${e.line}:${e.column}: ${e.message}`);
        throw new AppError("NIX_INVALID", `Nix rejected the rendered files; nothing was committed.\n${where.join("\n")}`, {
          errors: check.errors.map((e) => ({ ...e, file: `${settings.generatedDir}/${e.file}` })),
        });
      }

      step = "write";
      await writeGeneratedFiles(settings.path, settings.generatedDir, now.rendered, now.state.owned, (n) => touched.add(n));
      await stageGeneratedFiles(git, settings.generatedDir, now.state.owned, new Set(Object.keys(now.state.headFiles)), settings.path);

      step = "commit";
      const message = wantsDefaultMessage ? await (describing ?? defaultMessageFor(now, draft, settings)) : input.message!;
      const committed = await commitStaged(git, `--author=${commitAuthor(identity, settings.domain)}`, withAppTrailer(message));
      if (!committed) {
        return { status: "nothing", head: await commitInfo(git, "HEAD"), fastForwarded, overwroteHandEdits: before.state.ownedEdits.length > 0 };
      }

      step = "push";
      // The new commit's details are read while the push runs.
      const [commit] = await Promise.all([commitInfo(git, "HEAD"), pushToRemote(git, settings)]);
      return {
        status: "committed",
        commit: commit!,
        files: now.files.map((f) => f.path),
        pushed: Boolean(settings.remote),
        fastForwarded,
        nixChecked: !("skipped" in check && check.skipped),
      };
    } catch (error) {
      throw await rollBack(git, settings, checkpoint, touched, step, error, before.state.head);
    }
  });

  if (result.status === "committed") {
    // The next edit's page view describes changes against this commit: evaluate its values now,
    // in the background, so that view does not wait for Nix. Failures only mean "not cached".
    void readFilesAtRev(git, result.commit.sha, settings.generatedDir)
      .then((files) => readRepoValues(files, { sha: result.commit.sha, generatedDir: settings.generatedDir }))
      .catch(() => undefined);
    // After the lock: the commit is the record; a failed audit write must not undo it.
    await recordAuditEvent(db, {
      actor,
      actorName,
      action: "apply",
      entityType: "commit",
      entityId: result.commit.sha,
      after: { sha: result.commit.sha, subject: result.commit.subject, files: result.files, pushed: result.pushed },
    }).catch((e) => console.error("homey-admin: could not record the apply audit event", e));
    if (overridden.length > 0) {
      await recordAuditEvent(db, {
        actor,
        actorName,
        action: "override-lockout",
        entityType: "commit",
        entityId: result.commit.sha,
        after: { confirmed: overridden[0].confirm, findings: overridden.map((f) => ({ code: f.code, message: f.message })) },
      }).catch((e) => console.error("homey-admin: could not record the lockout override audit event", e));
    }
  }
  return result;
}

/** Runs `task` once the current turn's spawns (the fetch) are under way. */
function afterSpawns<T>(task: () => Promise<T>): Promise<T> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(task);
}

/** The default commit message for a comparison (never fails: an unknown summary is worded as such). */
async function defaultMessageFor(comparison: DraftComparison, draft: DraftSnapshot, settings: RepoSettings): Promise<string> {
  return (await summarizeComparison(comparison, draft, settings.generatedDir)).defaultMessage;
}

/**
 * The message travels on stdin (`git commit -F -`), not argv: a summary of thousands of
 * changes would exceed the kernel's argument limit (E2BIG). false: nothing was staged after
 * all (a rendered difference git does not see, e.g. through .gitattributes); asked only
 * when the commit fails, so the usual Apply spends no process on it.
 */
// Without an editor git cleans a -F message as it does -m ("whitespace"): same commits as before.
async function commitStaged(git: Git, author: string, message: string): Promise<boolean> {
  try {
    await git.raw(["commit", "--quiet", author, "-F", "-"], message);
    return true;
  } catch (error) {
    if (!(await hasStagedChanges(git))) return false;
    throw error;
  }
}

/**
 * Commits from the remote that edited generated/ by hand would be overwritten unseen: the
 * admin reviewed a diff against the old HEAD. Refuse once, so the page shows them as drift.
 */
async function handEditsArrived(git: Git, settings: RepoSettings, from: string | null, to: string): Promise<AppError | null> {
  const range = from ? `${from}..${to}` : to;
  const commits = (await listCommits(git, range, { paths: [`${settings.generatedDir}/`], max: 10 })).filter((c) => !c.byApp);
  if (commits.length === 0) return null;
  const list = commits.map((c) => `${c.shortSha} "${c.subject}" (${c.authorName})`).join(", ");
  return new AppError(
    "CONFLICT",
    `The remote had new commits that edit ${settings.generatedDir}/ by hand: ${list}. Nothing was committed. ` +
      `Review them on the Changes page (overwrite them with the draft, or import them), then Apply again.`,
    { commits: commits.map((c) => c.sha) },
  );
}

/** Puts owned files with uncommitted edits back to HEAD (index and disk). */
async function discardOwnedEdits(git: Git, paths: string[], inHead: (path: string) => boolean): Promise<void> {
  if (paths.length === 0) return;
  const unique = [...new Set(paths)];
  const literal = (list: string[]) => list.map((p) => `:(literal)${p}`);
  await git.raw(["reset", "--quiet", "--", ...literal(unique)]); // unstage: index = HEAD
  await git.raw(["clean", "--force", "--quiet", "--", ...literal(unique)]); // files HEAD lacks
  const tracked = unique.filter(inHead);
  if (tracked.length > 0) await git.raw(["checkout", "--quiet", "HEAD", "--", ...literal(tracked)]);
}

const WHAT_FAILED: Record<Step, string> = {
  sync: "Updating from the remote failed",
  check: "Checking the rendered files failed",
  write: "Writing the generated files failed",
  commit: "The commit was refused",
  push: "Pushing to the remote was refused",
};

/** Restores the checkpoint and turns the failure into an error that says what happened. */
async function rollBack(
  git: Git,
  settings: RepoSettings,
  checkpoint: RepoCheckpoint,
  touched: Set<string>,
  step: Step,
  error: unknown,
  headBeforeApply: string,
): Promise<AppError> {
  const short = checkpoint.head.slice(0, 7);
  try {
    await restoreCheckpoint(git, settings.path, checkpoint, touched);
  } catch (restoreError) {
    return new AppError(
      "REPO_FAILED",
      `${WHAT_FAILED[step]}: ${describe(error)}\nRestoring the repo to ${short} ALSO failed: ${describe(restoreError)}. ` +
        `Check ${settings.path} by hand (git status, git reset --hard ${short}). The draft is unchanged.`,
      { step, head: checkpoint.head },
    );
  }
  const restored =
    checkpoint.head === headBeforeApply
      ? `The repo is back at ${short} as before Apply; the draft is unchanged.`
      : `The clone is now at the remote's ${short} (fast-forwarded); the draft is unchanged.`;
  // Refusals that explain themselves (diverged, invalid Nix) keep their code and wording.
  if (isAppError(error)) {
    return new AppError(error.code, `${error.message}${error.message.endsWith(".") ? "" : "."} ${restored}`, { ...error.details, step }, error.fieldErrors);
  }
  const hint =
    step === "commit"
      ? " (a pre-commit or commit-msg hook in the homey repo said no)"
      : step === "push"
        ? ` (the remote ${settings.remote} refused it; the local commit was undone)`
        : "";
  return new AppError("REPO_FAILED", `${WHAT_FAILED[step]}${hint}: ${describe(error)}\n${restored}`, { step, head: checkpoint.head });
}

function describe(error: unknown): string {
  const text = gitErrorText(error);
  return text || "unknown error";
}
