// The pending changes: the draft rendered and compared with generated/ at HEAD. Derived on
// every request and never stored — the DB is the draft, git is the record.
import "server-only";
import { perRequest } from "@/lib/http/request-memo";
import type { Git } from "@/lib/repo/git";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { loadDraftSnapshot } from "@/lib/model/draft";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { parseCheckCached, type ParseCheckResult } from "@/lib/nix/check";
import { commitInfo, type CommitInfo } from "@/lib/repo/commits";
import { flakeReferencesGenerated } from "@/lib/repo/flake-notice";
import { openRepo } from "@/lib/repo/open-repo";
import type { FolderFiles } from "@/lib/repo/read-files";
import { readRepoState, type RepoState } from "@/lib/repo/repo-state";
import type { RepoSettings } from "@/lib/repo/settings";
import { defaultCommitMessage } from "./commit-message";
import { detectDrift, type DriftReport } from "./drift";
import { diffFolders, type FileChange } from "./file-diff";
import { IMPORT_MARKER } from "./import-marker";
import { renderDraft } from "./render-draft";
import { readRepoValues } from "./repo-values";
import { summarizeChanges, type AreaSummary } from "./summary";

export type ChangeSummary =
  | { status: "ok"; areas: AreaSummary[]; headHadFiles: boolean }
  | { status: "unavailable"; reason: string };

/** What Apply would commit, computed from a rendered draft and a read of the repo. */
export interface DraftComparison {
  rendered: FolderFiles;
  state: RepoState;
  /** Owned files whose rendered text differs from HEAD. */
  files: FileChange[];
}

/** The comparison in form terms: what the page shows and the default commit message. */
export interface ComparisonSummary {
  summary: ChangeSummary;
  defaultMessage: string;
  /** HEAD's generated/ values (the simulator's "before"); the draft itself when no file differs; null without Nix. */
  headSnapshot: DraftSnapshot | null;
}

export async function compareDraftWithHead(
  git: Git,
  settings: RepoSettings,
  draft: DraftSnapshot,
  rendered: FolderFiles = renderDraft(draft),
): Promise<DraftComparison> {
  const state = await readRepoState(git, settings, Object.keys(rendered));
  const files = diffFolders(settings.generatedDir, state.headFiles, rendered, state.owned);
  return { rendered, state, files };
}

/**
 * Separate from the comparison because it may need Nix (the values at HEAD, cached per
 * commit): Apply asks only when it writes the default message, and in parallel with its git work.
 */
export async function summarizeComparison(
  comparison: DraftComparison,
  draft: DraftSnapshot,
  generatedDir: string,
): Promise<ComparisonSummary> {
  const { state, files } = comparison;
  const { summary, headSnapshot } = await summarize(state.headFiles, state.head, generatedDir, draft, files.length > 0);
  return { summary, headSnapshot, defaultMessage: defaultCommitMessage(summary.status === "ok" ? summary.areas : null, files) };
}

async function summarize(
  headFiles: FolderFiles,
  head: string | null,
  generatedDir: string,
  draft: DraftSnapshot,
  anyFileChanged: boolean,
): Promise<{ summary: ChangeSummary; headSnapshot: DraftSnapshot | null }> {
  // Nothing differs on disk: skip the Nix evaluation; HEAD sets exactly what the draft renders.
  if (!anyFileChanged) return { summary: { status: "ok", areas: [], headHadFiles: Object.keys(headFiles).length > 0 }, headSnapshot: draft };
  const values = await readRepoValues(headFiles, head ? { sha: head, generatedDir } : undefined);
  if (values.status === "unavailable") return { summary: { status: "unavailable", reason: values.reason }, headSnapshot: null };
  return { summary: { status: "ok", areas: summarizeChanges(values.snapshot, draft), headHadFiles: values.status === "ok" }, headSnapshot: values.snapshot };
}

async function lastImportedCommit(admin: AdminContext): Promise<string | null> {
  const event = await assertAdmin(admin).db.auditEvent.findFirst({ where: { ...IMPORT_MARKER }, orderBy: { id: "desc" } });
  return event?.entityId ?? null;
}

export interface PendingChanges {
  repoPath: string;
  branch: string;
  remote?: string;
  generatedDir: string;
  head: CommitInfo | null;
  /** flake.nix does not import ./generated yet: show the setup notice. */
  setupNeeded: boolean;
  files: FileChange[];
  summary: ChangeSummary;
  defaultMessage: string;
  drift: DriftReport | null;
  /** Changes the app did not make: Apply is refused until they are gone. */
  foreignChanges: string[];
  /** nix-instantiate --parse on the rendered files. */
  check: ParseCheckResult;
  /** Nothing to commit and no hand edits on disk to overwrite. */
  nothingToApply: boolean;
  /** HEAD's values for the policy simulator and matrix; null when Nix could not read them. */
  headSnapshot: DraftSnapshot | null;
}

/**
 * The draft rendered and compared with the repo, once per request (perRequest: React's cache in
 * a render, the route's scope on /quick): the nav badge, the headline and the page share one
 * draft read and one `git status`. Elsewhere (Apply, import) every call reads afresh.
 */
const draftComparisonThisRender = perRequest(async (admin: AdminContext, settingsKey: string) => {
  const settings = JSON.parse(settingsKey) as RepoSettings;
  const git = await openRepo(settings);
  const draft = await loadDraftSnapshot(admin);
  return { git, draft, comparison: await compareDraftWithHead(git, settings, draft) };
});

export function readDraftComparison(admin: AdminContext, settings: RepoSettings): Promise<{ git: Git; draft: DraftSnapshot; comparison: DraftComparison }> {
  return draftComparisonThisRender(admin, JSON.stringify(settings));
}

export async function getPendingChanges(admin: AdminContext, settings: RepoSettings): Promise<PendingChanges> {
  const { git, draft, comparison } = await readDraftComparison(admin, settings);
  const { rendered, state, files } = comparison;
  // Cached by content: after the first render of this draft, no Nix process.
  const checked = parseCheckCached(rendered);
  const [head, setupOk, drift, check, described] = await Promise.all([
    state.head ? commitInfo(git, state.head) : Promise.resolve(null),
    flakeReferencesGenerated(settings.path, settings.generatedDir),
    lastImportedCommit(admin).then((importedAt) => detectDrift(git, settings, state, rendered, importedAt)),
    checked,
    summarizeComparison(comparison, draft, settings.generatedDir),
  ]);
  return {
    repoPath: settings.path,
    branch: settings.branch,
    remote: settings.remote,
    generatedDir: settings.generatedDir,
    head,
    setupNeeded: !setupOk,
    files,
    summary: described.summary,
    defaultMessage: described.defaultMessage,
    headSnapshot: described.headSnapshot,
    drift,
    foreignChanges: [...new Set(state.foreignChanges.map((c) => c.path))].sort(),
    check,
    nothingToApply: files.length === 0 && state.ownedEdits.length === 0,
  };
}

/** Why Apply would be refused right now, in one sentence; null when it can run. Changes and Quick say the same. */
export function applyBlockedReason(pending: Pick<PendingChanges, "foreignChanges" | "check">): string | null {
  if (pending.foreignChanges.length > 0) {
    return `The homey repo has changes homey-admin did not make (${pending.foreignChanges.join(", ")}): commit or remove them by hand first.`;
  }
  if (!pending.check.ok) return "Nix rejects the rendered files: fix the rows named in the errors on the Changes page first.";
  return null;
}
