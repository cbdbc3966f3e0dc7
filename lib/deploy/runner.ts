// Runs one deploy at a time: records it, runs nixos-rebuild through a transport, turns
// its output into log lines + progress on the log bus, and writes how it ended. A deploy
// outlives the request that started it; cancel and timeout stop the remote process.
// Detached deploys (ssh + systemd, transport-systemd.ts) also outlive this process and
// the SSH session: the runner follows the unit's journal, reconnects when the link drops,
// and on start reattaches to a deploy the last process left running.
// Collaborators (Prisma client, bus, target, transport, clock) come in as parameters;
// instance.ts wires the process-wide one.
import "server-only";
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { recordAuditEvent } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  buildRebuildCommand,
  commitShaSchema,
  DEPLOY_ACTIONS,
  type DeployKind,
  displayCommand,
  type RebuildCommand,
  type RebuildRequest,
  STORE_PATH_ACTIONS,
  storePathSchema,
} from "./command";
import { type DeployTarget, describeTarget } from "./config";
import { NixLogParser, type ProgressState } from "./internal-json";
import type { EndInfo, LogBus } from "./log-bus";
import { DEPLOY_STATUS_LABELS, type FinalDeployStatus, isDeployStatus } from "./status";
import { type DeployTransport, type TransportExit, TransportFailure } from "./transport";
import type { HealthGateHook } from "./health/after-switch";
import { forgetRunningRevision } from "./running-revision";
import { createLocalTransport } from "./transport-local";
import { createSshTransport } from "./transport-ssh";
import { type DetachedTransport, createLocalSystemdTransport, createSystemdTransport, TargetBusy } from "./transport-systemd";
import { deployUnitName, type UnitState } from "./systemd-unit";
import { failedUnitsIn, UNITS_FAILED_EXIT } from "./units-failed";
import { activatedNewSystem, decideSelfRestart, SELF_SERVICE, type SelfServiceOnTarget } from "./self-restart";
import type { SelfRestartHook, SelfRestartRequest } from "./self-restart-trigger";
import { sleep } from "./abortable-sleep";
import { PACKAGES_NONE_PREFIX, parseActivationPreview, PREVIEW_BUILT_PREFIX, STORE_PATH_PATTERN } from "./activation-preview";

export interface DeployRequest {
  action: DeployKind;
  /** Required for an action; for "rollback", the commit believed to be the previous generation (recorded only). */
  commitSha?: string;
  /** Who asked (Remote-User); recorded on the Deploy row. */
  actor: string;
  /**
   * switch/test/boot only: activate this already built system (the preview's build of
   * commitSha) instead of building the commit again.
   */
  storePath?: string;
}

export interface Clock {
  now(): Date;
}

export interface DeployRunnerDeps {
  prisma: PrismaClient;
  bus: LogBus;
  /** Read per deploy, so changed settings apply to the next one. Throws AppError DEPLOY_CONFIG. */
  loadTarget: () => DeployTarget;
  transportFor?: (target: DeployTarget) => AnyTransport;
  clock?: Clock;
  /** Progress snapshots go to the bus at most this often. */
  progressIntervalMs?: number;
  /** After a switch/test that activated: the health gate (lib/deploy/health/after-switch.ts); none → no gate. */
  healthGate?: HealthGateHook;
  /**
   * Run by the NixOS module: after a detached deploy that activated a system whose
   * homey-admin.service runs another package, ask systemd to restart this app (once the
   * result is recorded). None → never.
   */
  selfRestart?: SelfRestartHook | null;
  /** After a succeeded preview (dry-activate): log lines naming its package changes (package-diff.ts); none → not asked. */
  packageChanges?: (target: DeployTarget, outPath: string) => Promise<string[]>;
}

/** "detach": this process lets go of a detached deploy, which goes on on the target. */
type AbortReason = "cancel" | "timeout" | "detach";

export type AnyTransport = DeployTransport | DetachedTransport;

function isDetached(transport: AnyTransport): transport is DetachedTransport {
  return "mode" in transport && transport.mode === "systemd";
}

/** A detached deploy's log: these header lines, then only lines rendered from the unit's journal, then the end line. */
const DETACHED_HEADER_LINES = 3;
const END_LINE_PREFIX = "homey-admin: deploy ";

interface ActiveDeploy {
  deployId: number;
  abort: AbortController;
  finished: Promise<EndInfo>;
}

const systemClock: Clock = { now: () => new Date() };

export function defaultTransportFor(target: DeployTarget): AnyTransport {
  if (target.transport === "local") return target.detach === "systemd" ? createLocalSystemdTransport() : createLocalTransport();
  return target.detach === "systemd" ? createSystemdTransport(target) : createSshTransport(target);
}

export class DeployRunner {
  private active: ActiveDeploy | null = null;
  /** Set while a start() is between its checks and the Deploy row existing. */
  private starting = false;
  private readonly clock: Clock;
  private readonly transportFor: (target: DeployTarget) => AnyTransport;
  private readonly progressIntervalMs: number;
  /** Told once a deploy is recorded and the runner is free again (lib/rollout acts on the health verdict here). */
  private readonly finishedListeners = new Set<(deployId: number, end: EndInfo) => void>();

  constructor(private readonly deps: DeployRunnerDeps) {
    this.clock = deps.clock ?? systemClock;
    this.transportFor = deps.transportFor ?? defaultTransportFor;
    this.progressIntervalMs = deps.progressIntervalMs ?? 250;
  }

  get bus(): LogBus {
    return this.deps.bus;
  }

  /**
   * Calls `listener` after each deploy this runner ran has been recorded (status, health) and
   * the runner is free, so the listener may start the next deploy (a rollback). Returns the
   * unsubscribe function.
   */
  onFinished(listener: (deployId: number, end: EndInfo) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  private notifyFinished(deployId: number, end: EndInfo): void {
    for (const listener of this.finishedListeners) {
      try {
        listener(deployId, end);
      } catch (error) {
        console.error(`homey-admin: a listener for the end of deploy ${deployId} failed`, error);
      }
    }
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

    if (isDetached(transport)) return this.startDetached(request, commitSha, target, command, transport);

    this.starting = true;
    let deployId: number;
    try {
      const row = await this.createRunningRow(request, commitSha, target);
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

  /** The deploy's row, status running, before anything runs: the history shows it at once. */
  private createRunningRow(request: DeployRequest, commitSha: string, target: DeployTarget, extra: { unitLogFrom?: number } = {}) {
    return this.deps.prisma.deploy.create({
      data: {
        commitSha,
        action: request.action,
        status: "running",
        actor: request.actor,
        transport: target.transport,
        target: describeTarget(target),
        startedAt: this.clock.now(),
        ...extra,
      },
      select: { id: true, startedAt: true },
    });
  }

  /**
   * A detached deploy: the row (with its unit name) first, so a restart can find the unit;
   * then the unit is started on the target, which refuses while another of ours runs —
   * that refusal (DEPLOY_BUSY naming the running unit) removes the row again.
   */
  private async startDetached(
    request: DeployRequest,
    commitSha: string,
    target: DeployTarget,
    command: RebuildCommand,
    transport: DetachedTransport,
  ): Promise<{ deployId: number }> {
    this.starting = true;
    try {
      const row = await this.createRunningRow(request, commitSha, target, { unitLogFrom: DETACHED_HEADER_LINES + 1 });
      const deployId = row.id;
      const unit = deployUnitName(deployId, randomBytes(4).toString("hex"));
      await this.deps.prisma.deploy.update({ where: { id: deployId }, data: { unit } });
      const description = `homey-admin deploy #${deployId}: ${request.action}${commitSha ? ` ${commitSha.slice(0, 7)}` : ""} by ${request.actor.replace(/[^A-Za-z0-9._@+-]/g, "_").slice(0, 64)}`;
      let startFailure: unknown = null;
      try {
        await transport.start(unit, description, command);
      } catch (error) {
        if (error instanceof TargetBusy) {
          await this.deps.prisma.deploy.delete({ where: { id: deployId } });
          throw new AppError("DEPLOY_BUSY", `The target refused the deploy: ${error.message}`, {
            deployId: null,
            units: error.running.map((r) => r.unit),
          });
        }
        startFailure = error;
      }
      const bus = this.deps.bus;
      bus.open(deployId);
      const what = describeRequest(request);
      bus.append(deployId, `homey-admin: ${what} on ${describeTarget(target)}, started by ${request.actor}`);
      bus.append(deployId, `$ ${displayCommand(command)}`);
      bus.append(deployId, `homey-admin: running on the target as systemd unit ${unit} (it goes on if the connection drops)`);
      const abort = new AbortController();
      const finished = this.followDetached({ deployId, startedAt: row.startedAt, target, transport, unit, abort, skip: 0, startFailure });
      finished.catch((error) => console.error(`homey-admin: deploy ${deployId} ended abnormally`, error));
      this.active = { deployId, abort, finished };
      return { deployId };
    } finally {
      this.starting = false;
    }
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
   * Lets go of a detached deploy without ending it (graceful shutdown; tests use it as
   * "the app died"): the unit goes on on the target and the next process reattaches.
   */
  async shutdown(): Promise<void> {
    const active = this.active;
    if (!active) return;
    if (!active.abort.signal.aborted) active.abort.abort("detach" satisfies AbortReason);
    await active.finished.catch(() => undefined);
  }

  /**
   * On startup: deploys still "running" in the DB. The newest detached one is reattached
   * (its unit may still run, or finished while nobody watched: either way its journal and
   * result are on the target). The others were cut off with this app and become
   * "interrupted".
   */
  async recover(): Promise<{ reattached: number[]; interrupted: number[] }> {
    const stale = await this.deps.prisma.deploy.findMany({
      where: { status: "running", ...(this.active ? { id: { not: this.active.deployId } } : {}) },
      orderBy: { id: "desc" },
      select: { id: true, unit: true, unitLogFrom: true, startedAt: true },
    });
    const reattached: number[] = [];
    const candidate = !this.active && !this.starting ? stale.find((row) => row.unit && row.unitLogFrom) : undefined;
    if (candidate && (await this.reattach(candidate))) reattached.push(candidate.id);
    const interrupted = await this.markInterrupted(stale.filter((row) => !reattached.includes(row.id)).map((row) => row.id));
    return { reattached, interrupted };
  }

  /** Marks every non-active "running" deploy interrupted (no reattaching). */
  async recoverInterrupted(): Promise<number[]> {
    const stale = await this.deps.prisma.deploy.findMany({
      where: { status: "running", ...(this.active ? { id: { not: this.active.deployId } } : {}) },
      select: { id: true },
    });
    return this.markInterrupted(stale.map((row) => row.id));
  }

  private async reattach(row: { id: number; unit: string | null; unitLogFrom: number | null; startedAt: Date }): Promise<boolean> {
    let target: DeployTarget;
    try {
      target = this.deps.loadTarget();
    } catch (error) {
      console.error(`homey-admin: cannot reattach deploy ${row.id}: ${(error as Error).message}`);
      return false;
    }
    const transport = this.transportFor(target);
    if (!isDetached(transport) || !row.unit || !row.unitLogFrom) return false;
    const prisma = this.deps.prisma;
    const last = await prisma.deployLogLine.findFirst({ where: { deployId: row.id }, orderBy: { seq: "desc" }, select: { seq: true, text: true } });
    let maxSeq = last?.seq ?? 0;
    // Cut off between writing the end line and the status: the end line comes again.
    if (last && last.seq >= row.unitLogFrom && last.text.startsWith(END_LINE_PREFIX)) {
      await prisma.deployLogLine.delete({ where: { deployId_seq: { deployId: row.id, seq: last.seq } } });
      maxSeq -= 1;
    }
    // Header lines never persisted (cut off within ms of the start): keep the seqs contiguous.
    for (let seq = maxSeq + 1; seq < row.unitLogFrom; seq++) {
      await prisma.deployLogLine.create({ data: { deployId: row.id, seq, text: "homey-admin: (header line lost when homey-admin restarted)" } });
      maxSeq = seq;
    }
    const skip = maxSeq - (row.unitLogFrom - 1);
    this.deps.bus.open(row.id, maxSeq + 1);
    const abort = new AbortController();
    console.warn(`homey-admin: reattaching to deploy ${row.id} (unit ${row.unit}; ${skip} journal lines already stored)`);
    const finished = this.followDetached({ deployId: row.id, startedAt: row.startedAt, target, transport, unit: row.unit, abort, skip, startFailure: null });
    finished.catch((error) => console.error(`homey-admin: deploy ${row.id} ended abnormally`, error));
    this.active = { deployId: row.id, abort, finished };
    return true;
  }

  private async markInterrupted(ids: number[]): Promise<number[]> {
    const message = "homey-admin restarted while this deploy was running; check the target before deploying again";
    for (const id of ids) {
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
    return ids;
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
    const failedUnits: string[] = [];
    const built: string[] = [];
    const emit = (text: string) => {
      failedUnits.push(...(failedUnitsIn(text) ?? []));
      if (namesBuild(text)) built.push(text);
      bus.append(deployId, text);
    };
    const progress = new ProgressPublisher(() => bus.publishProgress(deployId, parser.snapshot()), this.progressIntervalMs);

    const what = describeRequest(request);
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
      end = endFromExit(exit, abort.signal.reason as AbortReason | undefined, parser.snapshot(), target, failedUnits);
    } catch (error) {
      end = endFromError(error);
    } finally {
      transportReturned = true;
      clearTimeout(timeout);
    }
    await this.packages(deployId, end, target, built);
    await this.gate(deployId, end, target, failedUnits);
    await this.record(deployId, startedAt, end, parser, progress);
    this.notifyFinished(deployId, end);
    return end;
  }

  /**
   * Follows a detached deploy's unit until it ends: through dropped connections (resuming
   * after the last journal entry seen), cancel and timeout (the unit is stopped). `skip`:
   * journal-rendered lines already stored by an earlier process (reattach); the journal is
   * replayed from the unit's start through a fresh parser, so progress and build prefixes
   * are whole, and the first `skip` rendered lines are not emitted again.
   */
  private async followDetached(run: {
    deployId: number;
    startedAt: Date;
    target: DeployTarget;
    transport: DetachedTransport;
    unit: string;
    abort: AbortController;
    skip: number;
    startFailure: unknown;
  }): Promise<EndInfo> {
    await Promise.resolve();
    const { deployId, startedAt, target, transport, unit, abort } = run;
    const bus = this.deps.bus;
    const parser = new NixLogParser();
    const progress = new ProgressPublisher(() => bus.publishProgress(deployId, parser.snapshot()), this.progressIntervalMs);
    if (run.startFailure !== null) {
      await this.record(deployId, startedAt, endFromError(run.startFailure), parser, progress);
      return endFromError(run.startFailure);
    }
    const failedUnits: string[] = [];
    const built: string[] = [];
    let rendered = 0;
    let cursor: string | null = null;
    let done = false;
    const onEntry = (message: string, entryCursor: string) => {
      if (done) return;
      cursor = entryCursor;
      for (const line of parser.push(message)) {
        failedUnits.push(...(failedUnitsIn(line.text) ?? []));
        if (namesBuild(line.text)) built.push(line.text);
        rendered += 1;
        if (rendered > run.skip) bus.append(deployId, line.text);
      }
      if (message.startsWith("@nix ")) progress.changed();
    };
    const remainingMs = Math.max(0, startedAt.getTime() + target.timeoutMs - this.clock.now().getTime());
    const timeout = setTimeout(() => abort.abort("timeout" satisfies AbortReason), remainingMs);

    let end: EndInfo;
    try {
      let finishedCode: number | null | undefined;
      for (let attempt = 0; !abort.signal.aborted; attempt++) {
        try {
          const result = await transport.follow(unit, { onEntry, signal: abort.signal, afterCursor: cursor });
          if (result.kind === "finished") {
            finishedCode = result.exitCode;
            break;
          }
        } catch (error) {
          if (!isLinkFailure(error)) throw error;
          // The unit goes on without us: reconnect and resume after the last entry seen.
          console.warn(`homey-admin: deploy ${deployId}: ${(error as Error).message}; reconnecting to follow ${unit}`);
          await sleep(Math.min(500 * 2 ** Math.min(attempt, 5), 10_000), abort.signal);
        }
      }
      const reason = abort.signal.aborted ? (abort.signal.reason as AbortReason) : undefined;
      if (reason === "detach") {
        done = true;
        clearTimeout(timeout);
        progress.stop();
        await bus.abandon(deployId);
        this.active = null;
        return { status: "running", exitCode: null, error: null };
      }
      if (reason) {
        await retryLink(() => transport.stop(unit), 5);
        // What the unit wrote before it stopped.
        await retryLink(() => transport.follow(unit, { onEntry, signal: new AbortController().signal, afterCursor: cursor }), 3).catch(() => undefined);
        end = endFromExit({ kind: "aborted" }, reason, parser.snapshot(), target, failedUnits);
      } else {
        const state = await retryLink(() => transport.show(unit), 10);
        end = endFromUnit(unit, state, finishedCode ?? null, parser.snapshot(), failedUnits);
      }
    } catch (error) {
      end = endFromError(error);
    } finally {
      done = true;
      clearTimeout(timeout);
    }
    await this.packages(deployId, end, target, built);
    const verdict = await this.gate(deployId, end, target, failedUnits);
    // An unhealthy switch on auto is about to be rolled back to the package this process
    // runs: restarting into the new one would only cut the rollback short.
    const rollbackFollows = verdict === "unhealthy" && target.health.mode === "auto";
    const selfRestart = rollbackFollows ? null : await this.selfRestartAfter(deployId, end, transport);
    await this.record(deployId, startedAt, end, parser, progress, selfRestart ? { selfRestartTo: selfRestart.to } : {});
    // Recorded: the unit's result may go now (kept until here so it could be read).
    await retryLink(() => transport.release(unit), 3).catch((error: unknown) =>
      console.warn(`homey-admin: could not release unit ${unit} on the target: ${(error as Error).message}`),
    );
    this.notifyFinished(deployId, end);
    // Only now, with the result persisted: the restart ends this process, and the page
    // that reconnects to the new one reads the deploy as finished.
    if (selfRestart) await this.pullSelfRestart(selfRestart);
    return end;
  }

  /**
   * A succeeded preview: its unit changes on the history timeline ("alice previewed deploy of
   * abc1234: stops grafana.service"), and what packages its build changes, into the log for
   * the preview's picture.
   */
  private async packages(deployId: number, end: EndInfo, target: DeployTarget, built: string[]): Promise<void> {
    if (end.status !== "succeeded") return;
    const row = await this.deps.prisma.deploy.findUnique({ where: { id: deployId }, select: { action: true, actor: true, commitSha: true } });
    if (row?.action !== "dry-activate") return;
    const preview = parseActivationPreview(built);
    await recordAuditEvent(this.deps.prisma, {
      actor: row.actor,
      action: "preview",
      entityType: "deploy",
      entityId: deployId,
      after: { commitSha: row.commitSha, stop: preview.stop, start: preview.start, restart: preview.restart, reload: preview.reload, outages: preview.outages.map((o) => o.unit) },
    }).catch((error: unknown) => console.error(`homey-admin: could not record preview #${deployId} in the audit log`, error));
    const outPath = preview.outPath;
    if (!this.deps.packageChanges || !outPath) return;
    try {
      for (const line of await this.deps.packageChanges(target, outPath)) this.deps.bus.append(deployId, line);
    } catch (error) {
      this.deps.bus.append(deployId, `${PACKAGES_NONE_PREFIX}could not be read: ${(error as Error).message}`);
    }
  }

  /**
   * The health gate after a switch/test that activated (succeeded, or units failed): its
   * verdict goes into the log and onto the deploy (Deploy.health). It never changes the
   * deploy's status: the switch happened; the verdict says whether what it touched works.
   */
  /** Runs the health gate after an activation; its verdict, or null when no gate ran. */
  private async gate(deployId: number, end: EndInfo, target: DeployTarget, failedUnits: string[]): Promise<"healthy" | "unhealthy" | null> {
    if (!this.deps.healthGate || target.health.mode === "off") return null;
    if (end.status !== "succeeded" && end.status !== "units_failed") return null;
    const row = await this.deps.prisma.deploy.findUnique({ where: { id: deployId }, select: { action: true, commitSha: true } });
    if (!row || (row.action !== "switch" && row.action !== "test") || !row.commitSha) return null;
    const bus = this.deps.bus;
    bus.append(deployId, `homey-admin: health gate: probing the monitors of the services this commit touched (up to ${Math.round(target.health.windowMs / 1000)} s)`);
    try {
      const outcome = await this.deps.healthGate({ deployId, commitSha: row.commitSha, failedUnits: [...new Set(failedUnits)], target });
      for (const probe of outcome.probes) {
        bus.append(deployId, `homey-admin: health gate: ${probe.ok ? "ok" : "FAILED"} ${probe.monitor} (${probe.why}): ${probe.reason} after ${probe.attempts.length} attempt(s)`);
      }
      bus.append(deployId, `homey-admin: health gate: ${outcome.summary}`);
      await this.deps.prisma.deploy.update({ where: { id: deployId }, data: { health: JSON.stringify(outcome) } });
      return outcome.verdict;
    } catch (error) {
      bus.append(deployId, `homey-admin: health gate could not run: ${(error as Error).message}`);
      return null;
    }
  }

  /**
   * After a deploy that activated a system: does its homey-admin.service run another
   * package than this process? Then the log says so, and the caller records it and pulls
   * the restart trigger. Reading the unit fails → no restart (said in the log).
   */
  private async selfRestartAfter(deployId: number, end: EndInfo, transport: DetachedTransport): Promise<SelfRestartRequest | null> {
    const hook = this.deps.selfRestart;
    if (!hook) return null;
    const row = await this.deps.prisma.deploy.findUnique({ where: { id: deployId }, select: { action: true } });
    if (!row || !activatedNewSystem(row.action, end.status)) return null;
    const bus = this.deps.bus;
    let unit: SelfServiceOnTarget;
    try {
      unit = await retryLink(() => transport.showSelf(), 3);
    } catch (error) {
      bus.append(deployId, `homey-admin: could not read ${SELF_SERVICE} on the target (${(error as Error).message}); homey-admin does not restart itself`);
      return null;
    }
    const decision = decideSelfRestart({ ownPackage: hook.ownPackage, action: row.action, status: end.status, unit });
    if (!decision.restart) return null;
    bus.append(deployId, `homey-admin: this deploy changed homey-admin's own package (${decision.from} → ${decision.to}); ${SELF_SERVICE} restarts once this result is recorded`);
    return { deployId, from: decision.from, to: decision.to };
  }

  private async pullSelfRestart(request: SelfRestartRequest): Promise<void> {
    try {
      await this.deps.selfRestart!.pull(request);
      console.warn(`homey-admin: deploy ${request.deployId} changed homey-admin's package to ${request.to}: asked systemd to restart ${SELF_SERVICE}`);
    } catch (error) {
      console.error(
        `homey-admin: deploy ${request.deployId} changed homey-admin's package, but the restart request failed (${(error as Error).message}); ` +
          `restart ${SELF_SERVICE} by hand to run ${request.to}`,
      );
    }
  }

  /** The end line, the final progress and the status; then the live log closes. */
  private async record(
    deployId: number,
    startedAt: Date,
    end: EndInfo,
    parser: NixLogParser,
    progress: ProgressPublisher,
    extra: { selfRestartTo?: string } = {},
  ): Promise<void> {
    const bus = this.deps.bus;
    const emit = (text: string) => bus.append(deployId, text);
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
          ...extra,
        },
      });
    } catch (error) {
      console.error(`homey-admin: recording the end of deploy ${deployId} failed`, error);
    } finally {
      // Whatever happened, the target may run something else now: ask it again next time.
      forgetRunningRevision();
      await bus.close(deployId, end);
      this.active = null;
    }
  }
}

/** The lines a preview's picture reads: where the build is (the preview's marker, "Done. …", or a path alone), and dry-activate's "would …" lines. */
function namesBuild(text: string): boolean {
  return text.includes(PREVIEW_BUILT_PREFIX) || text.startsWith("Done.") || text.startsWith("would ") || STORE_PATH_PATTERN.test(text.trim());
}

function isLinkFailure(error: unknown): boolean {
  return error instanceof TransportFailure && (error.kind === "connection_lost" || error.kind === "unreachable");
}

async function retryLink<T>(action: () => Promise<T>, attempts: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (!isLinkFailure(error) || attempt >= attempts) throw error;
      await sleep(500 * attempt, new AbortController().signal);
    }
  }
}


/** How the unit ended, from systemd's own record (the end marker's code when the unit is already gone). */
function endFromUnit(unit: string, state: UnitState, markerCode: number | null, progress: ProgressState, failedUnits: string[]): EndInfo {
  if (state.execMainCode === 2 || state.execMainCode === 3 || state.result === "signal" || state.result === "core-dump") {
    return { status: "failed", exitCode: null, error: `nixos-rebuild was killed by signal ${state.execMainStatus} (unit ${unit}: ${state.result})` };
  }
  const code = state.execMainCode === 1 ? state.execMainStatus : markerCode;
  if (code === null) {
    return {
      status: "interrupted",
      exitCode: null,
      error: `the deploy unit ${unit} is gone from the target without a result (was the target rebooted, or the unit removed?)`,
    };
  }
  return endFromExit({ kind: "exited", code }, undefined, progress, null, failedUnits);
}

/** The log's first words: what this deploy does. */
function describeRequest(request: DeployRequest): string {
  if (request.action === "rollback") return "rollback to the previous generation";
  const built = request.storePath ? ` (reusing the preview's build ${request.storePath}, no new build)` : "";
  return `${request.action} of commit ${request.commitSha}${built}`;
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
  if (request.storePath !== undefined) {
    const storePath = storePathSchema.safeParse(request.storePath);
    if (!storePath.success) throw new AppError("VALIDATION", storePath.error.issues[0].message);
    if (!(STORE_PATH_ACTIONS as readonly string[]).includes(request.action)) {
      throw new AppError("VALIDATION", `a built system can be activated with ${STORE_PATH_ACTIONS.join(", ")} only`);
    }
    return { rebuild: { action: request.action, commitSha: sha.data, storePath: storePath.data }, commitSha: sha.data };
  }
  return { rebuild: { action: request.action, commitSha: sha.data }, commitSha: sha.data };
}

function endFromExit(
  exit: TransportExit,
  reason: AbortReason | undefined,
  progress: ProgressState,
  target: DeployTarget | null,
  failedUnits: string[] = [],
): EndInfo {
  if (exit.kind === "aborted") {
    return reason === "timeout"
      ? { status: "timed_out", exitCode: null, error: `no result after ${Math.round((target?.timeoutMs ?? 0) / 1000)} s; the command was stopped` }
      : { status: "cancelled", exitCode: null, error: "cancelled; the command was stopped" };
  }
  if (exit.kind === "signalled") {
    return { status: "failed", exitCode: null, error: `nixos-rebuild was killed by signal ${exit.signal}` };
  }
  if (exit.code === 0) return { status: "succeeded", exitCode: 0, error: null };
  if (exit.code === UNITS_FAILED_EXIT) {
    const units = [...new Set(failedUnits)];
    return {
      status: "units_failed",
      exitCode: exit.code,
      error:
        units.length > 0
          ? `switched, but these units failed: ${units.join(", ")}`
          : "switched, but some units failed (nixos-rebuild exit 4; the log names them)",
    };
  }
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
