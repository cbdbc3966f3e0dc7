// Runs one deploy at a time: records it, runs nixos-rebuild through a transport, turns
// its output into log lines + progress on the log bus, and writes how it ended. A deploy
// outlives the request that started it; cancel and timeout stop the remote process.
// Collaborators (Prisma client, bus, target, transport, clock) come in as parameters;
// instance.ts wires the process-wide one.
import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { buildRebuildCommand, commitShaSchema, DEPLOY_ACTIONS, type DeployKind, displayCommand, type RebuildRequest } from "./command";
import { type DeployTarget, describeTarget } from "./config";
import { NixLogParser, type ProgressState } from "./internal-json";
import type { EndInfo, LogBus } from "./log-bus";
import { DEPLOY_STATUS_LABELS, type FinalDeployStatus, isDeployStatus } from "./status";
import { type DeployTransport, type TransportExit, TransportFailure } from "./transport";
import { createLocalTransport } from "./transport-local";
import { createSshTransport } from "./transport-ssh";

export interface DeployRequest {
  action: DeployKind;
  /** Required for an action; for "rollback", the commit believed to be the previous generation (recorded only). */
  commitSha?: string;
  /** Who asked (Remote-User); recorded on the Deploy row. */
  actor: string;
}

export interface Clock {
  now(): Date;
}

export interface DeployRunnerDeps {
  prisma: PrismaClient;
  bus: LogBus;
  /** Read per deploy, so changed settings apply to the next one. Throws AppError DEPLOY_CONFIG. */
  loadTarget: () => DeployTarget;
  transportFor?: (target: DeployTarget) => DeployTransport;
  clock?: Clock;
  /** Progress snapshots go to the bus at most this often. */
  progressIntervalMs?: number;
}

type AbortReason = "cancel" | "timeout";

interface ActiveDeploy {
  deployId: number;
  abort: AbortController;
  finished: Promise<EndInfo>;
}

const systemClock: Clock = { now: () => new Date() };

export function defaultTransportFor(target: DeployTarget): DeployTransport {
  return target.transport === "ssh" ? createSshTransport(target) : createLocalTransport();
}

export class DeployRunner {
  private active: ActiveDeploy | null = null;
  /** Set while a start() is between its checks and the Deploy row existing. */
  private starting = false;
  private readonly clock: Clock;
  private readonly transportFor: (target: DeployTarget) => DeployTransport;
  private readonly progressIntervalMs: number;

  constructor(private readonly deps: DeployRunnerDeps) {
    this.clock = deps.clock ?? systemClock;
    this.transportFor = deps.transportFor ?? defaultTransportFor;
    this.progressIntervalMs = deps.progressIntervalMs ?? 250;
  }

  get bus(): LogBus {
    return this.deps.bus;
  }

  /** The running deploy, if any. */
  current(): { deployId: number } | null {
    return this.active ? { deployId: this.active.deployId } : null;
  }

  /**
   * Records and starts a deploy; resolves with its id once the row exists (the deploy
   * itself continues in the background). Refused with DEPLOY_BUSY while another runs.
   */
  async start(request: DeployRequest): Promise<{ deployId: number }> {
    this.refuseIfBusy();
    const { rebuild, commitSha } = validateRequest(request);
    const target = this.deps.loadTarget();
    const command = buildRebuildCommand(rebuild, target);
    const transport = this.transportFor(target);

    this.starting = true;
    let deployId: number;
    try {
      const row = await this.deps.prisma.deploy.create({
        data: {
          commitSha,
          action: request.action,
          status: "running",
          actor: request.actor,
          transport: target.transport,
          target: describeTarget(target),
          startedAt: this.clock.now(),
        },
        select: { id: true, startedAt: true },
      });
      deployId = row.id;
      this.deps.bus.open(deployId);
      const abort = new AbortController();
      const finished = this.execute(deployId, row.startedAt, request, target, command, transport, abort);
      // Nobody may be waiting on it: a failure here must be logged, not left unhandled.
      finished.catch((error) => console.error(`homey-admin: deploy ${deployId} ended abnormally`, error));
      this.active = { deployId, abort, finished };
    } finally {
      this.starting = false;
    }
    return { deployId };
  }

  /** Stops the running deploy (remote process included). False if it is not running. */
  cancel(deployId: number): boolean {
    if (!this.active || this.active.deployId !== deployId) return false;
    if (!this.active.abort.signal.aborted) this.active.abort.abort("cancel" satisfies AbortReason);
    return true;
  }

  /** Resolves when the deploy has finished (immediately for a finished one). */
  async waitFor(deployId: number): Promise<EndInfo | null> {
    if (this.active?.deployId === deployId) return this.active.finished;
    const row = await this.deps.prisma.deploy.findUnique({
      where: { id: deployId },
      select: { status: true, exitCode: true, error: true },
    });
    if (!row) return null;
    return { status: isDeployStatus(row.status) ? row.status : "failed", exitCode: row.exitCode, error: row.error };
  }

  /**
   * On startup: a deploy still "running" in the DB was cut off by a crash or restart of
   * this app. Nobody will ever finish it, so it becomes "interrupted"; its log stays.
   */
  async recoverInterrupted(): Promise<number[]> {
    const stale = await this.deps.prisma.deploy.findMany({
      where: { status: "running", ...(this.active ? { id: { not: this.active.deployId } } : {}) },
      select: { id: true },
    });
    const message = "homey-admin restarted while this deploy was running; check the target before deploying again";
    for (const { id } of stale) {
      const last = await this.deps.prisma.deployLogLine.aggregate({ where: { deployId: id }, _max: { seq: true } });
      await this.deps.prisma.$transaction([
        this.deps.prisma.deployLogLine.create({
          data: { deployId: id, seq: (last._max.seq ?? 0) + 1, text: `homey-admin: interrupted: ${message}` },
        }),
        this.deps.prisma.deploy.update({
          where: { id },
          data: { status: "interrupted", error: message, finishedAt: this.clock.now() },
        }),
      ]);
    }
    return stale.map((row) => row.id);
  }

  private refuseIfBusy(): void {
    if (this.active) {
      throw new AppError(
        "DEPLOY_BUSY",
        `Deploy #${this.active.deployId} is still running. Wait for it to finish or cancel it first.`,
        { deployId: this.active.deployId },
      );
    }
    if (this.starting) {
      throw new AppError("DEPLOY_BUSY", "Another deploy is being started right now.", { deployId: null });
    }
  }

  private async execute(
    deployId: number,
    startedAt: Date,
    request: DeployRequest,
    target: DeployTarget,
    command: ReturnType<typeof buildRebuildCommand>,
    transport: DeployTransport,
    abort: AbortController,
  ): Promise<EndInfo> {
    // Let start() publish `active` first: the whole run happens after it returns.
    await Promise.resolve();
    const bus = this.deps.bus;
    const parser = new NixLogParser();
    // Once the transport has returned, stray late output is dropped: the log is complete.
    let transportReturned = false;
    const emit = (text: string) => bus.append(deployId, text);
    const progress = new ProgressPublisher(() => bus.publishProgress(deployId, parser.snapshot()), this.progressIntervalMs);

    const what = request.action === "rollback" ? "rollback to the previous generation" : `${request.action} of commit ${request.commitSha}`;
    emit(`homey-admin: ${what} on ${describeTarget(target)}, started by ${request.actor}`);
    emit(`$ ${displayCommand(command)}`);

    const timeout = setTimeout(() => abort.abort("timeout" satisfies AbortReason), target.timeoutMs);
    let end: EndInfo;
    try {
      const exit = await transport.run(command, {
        signal: abort.signal,
        onLine: (line) => {
          if (transportReturned) return;
          for (const rendered of parser.push(line)) emit(rendered.text);
          if (line.startsWith("@nix ")) progress.changed();
        },
      });
      end = endFromExit(exit, abort.signal.reason as AbortReason | undefined, parser.snapshot(), target);
    } catch (error) {
      end = endFromError(error);
    } finally {
      transportReturned = true;
      clearTimeout(timeout);
    }

    parser.finish();
    progress.stop();
    const finalProgress = parser.snapshot();
    bus.publishProgress(deployId, finalProgress);
    const seconds = ((this.clock.now().getTime() - startedAt.getTime()) / 1000).toFixed(1);
    emit(`homey-admin: deploy ${DEPLOY_STATUS_LABELS[end.status]} after ${seconds} s${end.error ? `: ${end.error}` : ""}`);

    try {
      await bus.flush(deployId).catch(() => undefined);
      await this.deps.prisma.deploy.update({
        where: { id: deployId },
        data: {
          status: end.status,
          exitCode: end.exitCode,
          error: end.error,
          finishedAt: this.clock.now(),
          // The finished deploy's page shows how far the build got from this.
          progress: JSON.stringify(finalProgress),
        },
      });
    } catch (error) {
      console.error(`homey-admin: recording the end of deploy ${deployId} failed`, error);
    } finally {
      await bus.close(deployId, end);
      this.active = null;
    }
    return end;
  }
}

function validateRequest(request: DeployRequest): { rebuild: RebuildRequest; commitSha: string } {
  const sha = request.commitSha === undefined ? undefined : commitShaSchema.safeParse(request.commitSha);
  if (sha && !sha.success) throw new AppError("VALIDATION", sha.error.issues[0].message, undefined, { commitSha: [sha.error.issues[0].message] });
  if (!request.actor.trim()) throw new AppError("VALIDATION", "a deploy needs the name of who started it");
  if (request.action === "rollback") return { rebuild: { rollback: true }, commitSha: sha?.data ?? "" };
  if (!(DEPLOY_ACTIONS as readonly string[]).includes(request.action)) {
    throw new AppError("VALIDATION", `action must be one of ${DEPLOY_ACTIONS.join(", ")} or rollback`);
  }
  if (!sha) throw new AppError("VALIDATION", "a deploy needs the commit SHA it deploys", undefined, { commitSha: ["required"] });
  return { rebuild: { action: request.action, commitSha: sha.data }, commitSha: sha.data };
}

function endFromExit(exit: TransportExit, reason: AbortReason | undefined, progress: ProgressState, target: DeployTarget): EndInfo {
  if (exit.kind === "aborted") {
    return reason === "timeout"
      ? { status: "timed_out", exitCode: null, error: `no result after ${Math.round(target.timeoutMs / 1000)} s; the command was stopped` }
      : { status: "cancelled", exitCode: null, error: "cancelled; the command was stopped" };
  }
  if (exit.kind === "signalled") {
    return { status: "failed", exitCode: null, error: `nixos-rebuild was killed by signal ${exit.signal}` };
  }
  if (exit.code === 0) return { status: "succeeded", exitCode: 0, error: null };
  const nixError = progress.errors[0]?.split("\n")[0];
  return {
    status: "failed",
    exitCode: exit.code,
    error: `nixos-rebuild exited with code ${exit.code}${nixError ? ` (${nixError.slice(0, 500)})` : ""}`,
  };
}

const FAILURE_STATUS: Record<TransportFailure["kind"], FinalDeployStatus> = {
  host_key_refused: "host_key_refused",
  auth_failed: "auth_failed",
  unreachable: "unreachable",
  connection_lost: "connection_lost",
  key_unreadable: "failed",
  spawn_failed: "failed",
};

function endFromError(error: unknown): EndInfo {
  if (error instanceof TransportFailure) return { status: FAILURE_STATUS[error.kind], exitCode: null, error: error.message };
  console.error("homey-admin: deploy failed unexpectedly", error);
  return { status: "failed", exitCode: null, error: `internal error: ${(error as Error)?.message ?? String(error)}` };
}

/** Coalesces progress updates: Nix sends several per build, the browser needs a few a second. */
class ProgressPublisher {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly publish: () => void,
    private readonly intervalMs: number,
  ) {}

  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.publish();
    }, this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
