// What the quick-toggle page shows: every service with its three states (draft, last
// commit, running system), and what one "Apply & deploy" would do. Derived per request
// from the draft, the repo and the deploy history — nothing here is stored.
import "server-only";
import { createHash } from "node:crypto";
import type { Git } from "@/lib/repo/git";
import type { AdminContext } from "@/lib/auth/admin-context";
import { applyBlockedReason, getPendingChanges, type ChangeSummary, type PendingChanges } from "@/lib/changes/pending";
import { readRepoValues } from "@/lib/changes/repo-values";
import { loadDeployTarget } from "@/lib/deploy/config";
import { lastActivatedDeploy } from "@/lib/deploy/history";
import { isAppError } from "@/lib/errors/app-error";
import { listRows } from "@/lib/model/queries";
import { openRepo } from "@/lib/repo/open-repo";
import { readFilesAtRev } from "@/lib/repo/read-files";
import type { RepoSettings } from "@/lib/repo/settings";
import type { ServiceStates, StateWord } from "./states";

export interface QuickService {
  id: number;
  version: number;
  name: string;
  title: string;
  protected: boolean;
  states: ServiceStates;
}

export interface CommitRef {
  sha: string;
  shortSha: string;
}

/** What "Apply & deploy" would do right now. */
export type QuickPending =
  | {
      status: "ok";
      head: (CommitRef & { subject: string }) | null;
      /** The commit of the last successful switch / test / rollback; null when never deployed or not known. */
      deployed: (CommitRef & { deployId: number }) | null;
      /** The last activation was a rollback to a generation whose commit is not known. */
      deployedCommitUnknown: boolean;
      summary: ChangeSummary;
      /** Paths of the generated files that change. */
      files: string[];
      /** The draft differs from the last commit: Apply makes a commit. */
      toCommit: boolean;
      /** The last commit is not what runs (or nothing was deployed from here yet). */
      toDeploy: boolean;
      /** Why Apply would be refused (hand edits outside generated/, Nix errors); null when it can run. */
      blockedReason: string | null;
      /** flake.nix does not import generated/ yet: a deploy would not change the services. */
      setupNeeded: boolean;
      /** Identifies exactly this pending state: what the admin confirmed is what gets committed and deployed. */
      fingerprint: string;
    }
  | { status: "unavailable"; reason: string };

export interface QuickToggleView {
  services: QuickService[];
  pending: QuickPending;
  /** Why a column reads "unknown", when it does. */
  notes: string[];
  /** The deploy settings' problem (nothing can be deployed); null when they are fine. */
  deployProblem: string | null;
}

const shortRef = (sha: string): CommitRef => ({ sha, shortSha: sha.slice(0, 7) });

export function pendingFingerprint(headSha: string | null, deployedSha: string | null, files: PendingChanges["files"]): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify([headSha, deployedSha, files.map((f) => [f.path, f.patch])]));
  return hash.digest("hex");
}

/** The pending changes plus what is deployed; throws AppError when the repo cannot be read. */
export async function readQuickPending(admin: AdminContext, settings: RepoSettings): Promise<Extract<QuickPending, { status: "ok" }>> {
  const [pending, deployedRow] = await Promise.all([getPendingChanges(admin, settings), lastActivatedDeploy(admin)]);
  const head = pending.head ? { ...shortRef(pending.head.sha), subject: pending.head.subject } : null;
  const deployed = deployedRow?.commitSha ? { ...shortRef(deployedRow.commitSha), deployId: deployedRow.id } : null;
  const blockedReason = applyBlockedReason(pending);
  const toCommit = !pending.nothingToApply;
  return {
    status: "ok",
    head,
    deployed,
    deployedCommitUnknown: deployedRow !== null && !deployedRow.commitSha,
    summary: pending.summary,
    files: pending.files.map((f) => f.path),
    toCommit,
    toDeploy: toCommit || (head !== null && head.sha !== deployed?.sha),
    blockedReason,
    setupNeeded: pending.setupNeeded,
    fingerprint: pendingFingerprint(head?.sha ?? null, deployed?.sha ?? null, pending.files),
  };
}

// ---- the services a commit sets

type CommitServices = { known: true; services: Map<string, boolean> } | { known: false; reason: string };

// A commit never changes: what it sets is read (with Nix) once per process.
const CACHE_LIMIT = 32;
const commitCache = new Map<string, Promise<CommitServices>>();

async function readCommitServices(git: Git, settings: RepoSettings, sha: string): Promise<CommitServices> {
  let files;
  try {
    files = await readFilesAtRev(git, sha, settings.generatedDir);
  } catch {
    return { known: false, reason: `commit ${sha.slice(0, 7)} is not in the clone at ${settings.path}` };
  }
  // Keyed by the commit: the same evaluation the Changes summary uses, once per SHA.
  const values = await readRepoValues(files, { sha, generatedDir: settings.generatedDir });
  if (values.status === "unavailable") return { known: false, reason: values.reason };
  return { known: true, services: new Map(values.snapshot.services.map((s) => [s.name, s.enabled])) };
}

function servicesAt(git: Git, settings: RepoSettings, sha: string): Promise<CommitServices> {
  const key = `${settings.path}\0${settings.generatedDir}\0${sha}`;
  let entry = commitCache.get(key);
  if (!entry) {
    entry = readCommitServices(git, settings, sha);
    commitCache.set(key, entry);
    // Unreadable now (Nix missing, commit not fetched yet) may be readable later: not kept.
    void entry.then((r) => {
      if (!r.known) commitCache.delete(key);
    });
    if (commitCache.size > CACHE_LIMIT) commitCache.delete(commitCache.keys().next().value!);
  }
  return entry;
}

function stateOf(commit: CommitServices | null, name: string): StateWord {
  if (!commit?.known) return "unknown";
  const enabled = commit.services.get(name);
  return enabled === undefined ? "not set" : enabled ? "on" : "off";
}

function deployProblem(): string | null {
  try {
    loadDeployTarget();
    return null;
  } catch (error) {
    if (isAppError(error) && error.code === "DEPLOY_CONFIG") return error.message;
    throw error;
  }
}

export async function loadQuickToggle(admin: AdminContext, settings: RepoSettings): Promise<QuickToggleView> {
  const rows = await listRows(admin, "service");
  let pending: QuickPending;
  try {
    pending = await readQuickPending(admin, settings);
  } catch (error) {
    // A missing or misconfigured repo: the toggles still work (they only change the draft).
    if (!isAppError(error)) throw error;
    pending = { status: "unavailable", reason: error.message };
  }

  const notes: string[] = [];
  let committed: CommitServices | null = null;
  let deployed: CommitServices | null = null;
  if (pending.status === "ok") {
    const git = await openRepo(settings);
    [committed, deployed] = await Promise.all([
      pending.head ? servicesAt(git, settings, pending.head.sha) : null,
      pending.deployed ? servicesAt(git, settings, pending.deployed.sha) : null,
    ]);
    if (!pending.head) notes.push("The homey repo has no commit yet, so nothing is committed.");
    else if (committed && !committed.known) notes.push(`The last commit cannot be read: ${committed.reason}`);
    if (pending.deployedCommitUnknown) notes.push("The system was rolled back to a generation whose commit is not known, so what runs is not known.");
    else if (!pending.deployed) notes.push("Nothing has been deployed from homey-admin yet, so what runs is not known.");
    else if (deployed && !deployed.known) notes.push(`The deployed commit cannot be read: ${deployed.reason}`);
  }

  const services = rows.map(({ values }): QuickService => {
    const name = String(values.name);
    return {
      id: values.id,
      version: values.version,
      name,
      title: String(values.title),
      protected: values.protected === true,
      states: { draft: values.enabled === true, committed: stateOf(committed, name), deployed: stateOf(deployed, name) },
    };
  });
  return { services, pending, notes, deployProblem: deployProblem() };
}
