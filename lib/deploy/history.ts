// Deploys as the UI shows them: the history list, one deploy with its stored progress, the
// last deploy for the overview, and whether the running system is behind the repo's HEAD.
// The only deploy code the pages import for reading; rows are reshaped into plain,
// serialisable values here (dates as ISO strings) so nothing raw reaches the client.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { getLastCommit } from "@/lib/repo/last-commit";
import type { DeployKind } from "./command";
import type { ProgressState } from "./internal-json";
import { DEPLOY_STATUS_LABELS, type DeployStatus, isDeployStatus } from "./status";

export interface DeployListItem {
  id: number;
  /** Full SHA; "" for a rollback whose previous generation was not known. */
  commitSha: string;
  shortSha: string;
  action: DeployKind;
  status: DeployStatus;
  statusLabel: string;
  actor: string;
  transport: string;
  target: string;
  exitCode: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** Finished deploys only. */
  durationMs: number | null;
}

export interface DeployDetail extends DeployListItem {
  /** The progress stored when the deploy ended; null while running (it comes live) or for old rows. */
  progress: ProgressState | null;
  /** Persisted log lines so far. */
  lineCount: number;
  /** The package homey-admin restarted itself into after this deploy (lib/deploy/self-restart.ts); null when it did not. */
  selfRestartTo: string | null;
}

export interface HeadCommit {
  sha: string;
  shortSha: string;
  subject: string;
  authorName: string;
  date: string;
}

export interface LastDeploySummary {
  /** The most recent deploy, whatever its outcome. */
  last: Pick<DeployListItem, "id" | "status" | "statusLabel" | "action" | "commitSha" | "shortSha" | "actor" | "startedAt" | "finishedAt"> | null;
  /** The most recent successful switch / test / rollback: what should be running now. */
  deployed: Pick<DeployListItem, "id" | "action" | "commitSha" | "shortSha" | "startedAt" | "finishedAt"> | null;
  head: HeadCommit | null;
  /**
   * true: the running system is behind HEAD (HEAD ≠ the last successfully activated commit);
   * false: it runs HEAD; null: unknown (no commit, or nothing activated by homey-admin yet,
   * or a rollback to an unrecorded generation).
   */
  behind: boolean | null;
}

/** Statuses after which the new configuration is active: units_failed (nixos-rebuild exit 4) switched too. */
export const ACTIVATED_STATUSES = ["succeeded", "units_failed"] as const;

/** Actions after which the new configuration is running (boot waits for a reboot; build and dry-activate change nothing). */
export const ACTIVATING_ACTIONS: readonly DeployKind[] = ["switch", "test", "rollback"];

type DeployRowFields = {
  id: number;
  commitSha: string;
  action: string;
  status: string;
  actor: string;
  transport: string;
  target: string;
  exitCode: number | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

const LIST_SELECT = {
  id: true,
  commitSha: true,
  action: true,
  status: true,
  actor: true,
  transport: true,
  target: true,
  exitCode: true,
  error: true,
  startedAt: true,
  finishedAt: true,
} as const;

export function toListItem(row: DeployRowFields): DeployListItem {
  const status: DeployStatus = isDeployStatus(row.status) ? row.status : "failed";
  return {
    id: row.id,
    commitSha: row.commitSha,
    shortSha: row.commitSha.slice(0, 7),
    action: row.action as DeployKind,
    status,
    statusLabel: DEPLOY_STATUS_LABELS[status],
    actor: row.actor,
    transport: row.transport,
    target: row.target,
    exitCode: row.exitCode,
    error: row.error,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.finishedAt ? Math.max(0, row.finishedAt.getTime() - row.startedAt.getTime()) : null,
  };
}

/** Newest first; `beforeId` pages back through older deploys. */
export async function listDeploys(
  admin: AdminContext,
  options: { take?: number; beforeId?: number } = {},
): Promise<{ deploys: DeployListItem[]; olderBeforeId: number | null }> {
  const { db } = assertAdmin(admin);
  const take = options.take ?? 50;
  const rows = await db.deploy.findMany({
    where: options.beforeId ? { id: { lt: options.beforeId } } : undefined,
    orderBy: { id: "desc" },
    take: take + 1,
    select: LIST_SELECT,
  });
  const deploys = rows.slice(0, take).map(toListItem);
  return { deploys, olderBeforeId: rows.length > take ? deploys[deploys.length - 1].id : null };
}

export async function getDeploy(admin: AdminContext, id: number): Promise<DeployDetail | null> {
  const { db } = assertAdmin(admin);
  const row = await db.deploy.findUnique({ where: { id }, select: { ...LIST_SELECT, progress: true, selfRestartTo: true } });
  if (!row) return null;
  const lineCount = await db.deployLogLine.count({ where: { deployId: id } });
  return { ...toListItem(row), progress: parseStoredProgress(row.progress), lineCount, selfRestartTo: row.selfRestartTo };
}

/** The running deploy according to the database (the runner knows it too; this survives a page render race). */
export async function runningDeployId(admin: AdminContext): Promise<number | null> {
  const { db } = assertAdmin(admin);
  const row = await db.deploy.findFirst({ where: { status: "running" }, orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? null;
}

export async function lastDeploy(admin: AdminContext): Promise<DeployListItem | null> {
  const { db } = assertAdmin(admin);
  const row = await db.deploy.findFirst({ orderBy: { id: "desc" }, select: LIST_SELECT });
  return row ? toListItem(row) : null;
}

/** The last successful switch / test / rollback: the configuration that should be running. */
export async function lastActivatedDeploy(admin: AdminContext): Promise<DeployListItem | null> {
  const { db } = assertAdmin(admin);
  const row = await db.deploy.findFirst({
    where: { status: { in: [...ACTIVATED_STATUSES] }, action: { in: [...ACTIVATING_ACTIONS] } },
    orderBy: { id: "desc" },
    select: LIST_SELECT,
  });
  return row ? toListItem(row) : null;
}

/**
 * The commit believed to be in the previous system generation, i.e. what `switch --rollback`
 * goes back to. Replays the successful deploys that move the profile: switch and boot add a
 * generation, a rollback steps back one. Only a belief: generations made outside homey-admin
 * or garbage-collected ones are invisible here. null when unknown.
 */
export function previousGeneration(
  deploys: { id: number; action: string; commitSha: string; status: string }[],
): { commitSha: string; deployId: number } | null {
  const generations: { commitSha: string; deployId: number }[] = [];
  let current = -1;
  for (const deploy of [...deploys].sort((a, b) => a.id - b.id)) {
    if (!(ACTIVATED_STATUSES as readonly string[]).includes(deploy.status)) continue;
    if (deploy.action === "switch" || deploy.action === "boot") {
      generations.push({ commitSha: deploy.commitSha, deployId: deploy.id });
      current = generations.length - 1;
    } else if (deploy.action === "rollback") {
      current = Math.max(-1, current - 1);
    }
  }
  const previous = current >= 1 ? generations[current - 1] : null;
  return previous && previous.commitSha ? previous : null;
}

export async function believedPreviousGeneration(admin: AdminContext): Promise<{ commitSha: string; deployId: number } | null> {
  const { db } = assertAdmin(admin);
  const rows = await db.deploy.findMany({
    where: { status: { in: [...ACTIVATED_STATUSES] }, action: { in: ["switch", "boot", "rollback"] } },
    orderBy: { id: "asc" },
    select: { id: true, action: true, commitSha: true, status: true },
  });
  return previousGeneration(rows);
}

/** HEAD of the working clone (lib/repo); null when the repo is missing or has no commits. */
export async function headCommit(admin: AdminContext): Promise<HeadCommit | null> {
  const commit = await getLastCommit(admin);
  if (!commit) return null;
  return {
    sha: commit.sha,
    shortSha: commit.shortSha,
    subject: commit.subject,
    authorName: commit.authorName,
    date: commit.date,
  };
}

/** See LastDeploySummary.behind. */
export function isBehind(headSha: string | null | undefined, deployedSha: string | null | undefined): boolean | null {
  if (!headSha || !deployedSha) return null;
  return headSha !== deployedSha;
}

/** For the overview: the last deploy and whether the running system is behind HEAD. */
export async function lastDeploySummary(
  admin: AdminContext,
  options: { head?: () => Promise<HeadCommit | null> } = {},
): Promise<LastDeploySummary> {
  const [last, deployed, head] = await Promise.all([
    lastDeploy(admin),
    lastActivatedDeploy(admin),
    (options.head ?? (() => headCommit(admin)))().catch((error: unknown) => {
      console.error("homey-admin: reading HEAD for the deploy summary failed", error);
      return null;
    }),
  ]);
  return {
    last: last && {
      id: last.id,
      status: last.status,
      statusLabel: last.statusLabel,
      action: last.action,
      commitSha: last.commitSha,
      shortSha: last.shortSha,
      actor: last.actor,
      startedAt: last.startedAt,
      finishedAt: last.finishedAt,
    },
    deployed: deployed && {
      id: deployed.id,
      action: deployed.action,
      commitSha: deployed.commitSha,
      shortSha: deployed.shortSha,
      startedAt: deployed.startedAt,
      finishedAt: deployed.finishedAt,
    },
    head,
    behind: isBehind(head?.sha, deployed?.commitSha),
  };
}

/** Deploy.progress as written by the runner; anything unreadable counts as absent. */
export function parseStoredProgress(text: string | null): ProgressState | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as ProgressState;
    if (typeof value !== "object" || value === null || typeof value.phase !== "string" || !value.derivations) return null;
    return value;
  } catch {
    return null;
  }
}

/** How a deploy stands now, for the live view's end event. */
export interface DeployOutcome {
  /** null when the deploy does not exist. */
  status: DeployStatus | null;
  exitCode: number | null;
  error: string | null;
  finishedAt: string | null;
  progress: ProgressState | null;
}

export async function getDeployOutcome(admin: AdminContext, id: number): Promise<DeployOutcome> {
  const { db } = assertAdmin(admin);
  const row = await db.deploy.findUnique({
    where: { id },
    select: { status: true, exitCode: true, error: true, finishedAt: true, progress: true },
  });
  if (!row) return { status: null, exitCode: null, error: null, finishedAt: null, progress: null };
  return {
    status: isDeployStatus(row.status) ? row.status : "failed",
    exitCode: row.exitCode,
    error: row.error,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    progress: parseStoredProgress(row.progress),
  };
}

export async function deployExists(admin: AdminContext, id: number): Promise<boolean> {
  const { db } = assertAdmin(admin);
  return (await db.deploy.count({ where: { id } })) > 0;
}

/** Persisted log lines with seq >= fromSeq, ascending, at most `limit`. */
export async function readLogPage(admin: AdminContext, id: number, fromSeq: number, limit: number): Promise<{ seq: number; text: string }[]> {
  const { db } = assertAdmin(admin);
  return db.deployLogLine.findMany({
    where: { deployId: id, seq: { gte: fromSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, text: true },
  });
}

/** A route's [id] segment: a positive integer, else null (→ 404). */
export function parseDeployId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}
