// The detached deploy over SSH (systemd-unit.ts has the remote commands): start the
// rebuild as its own unit, follow its journal, read its result, stop it, release it.
// Every call opens its own connection, so a dropped link costs one call, not the deploy:
// the runner calls follow() again with the last cursor it saw.
import "server-only";
import type { RebuildCommand } from "./command";
import { type LocalShellOptions, localShell } from "./local-shell";
import { openSshConnection, type SshConnection } from "./ssh-connection";
import {
  BUSY_EXIT,
  isRunning,
  journalLine,
  parseBusy,
  parseEndMarker,
  parseJournalLine,
  parseShow,
  releaseUnitLine,
  showUnitLine,
  startUnitLine,
  stopUnitLine,
  type UnitState,
} from "./systemd-unit";
import { parseSelfService, selfServiceShowLine, type SelfServiceOnTarget } from "./self-restart";
import { TransportFailure } from "./transport";
import type { SshTarget, SshTransportOptions } from "./transport-ssh";
import { sleep } from "./abortable-sleep";

/** The target refused: a deploy unit of ours is already running there. */
export class TargetBusy extends Error {
  constructor(
    readonly running: { unit: string; description: string }[],
    message: string,
  ) {
    super(message);
    this.name = "TargetBusy";
  }
}

export interface FollowIO {
  /** A journal entry of the unit, in order; `cursor` resumes right after it. */
  onEntry(message: string, cursor: string): void;
  /** Stops following (the unit keeps running). */
  signal: AbortSignal;
  /** Resume after this entry; null reads the unit's journal from its start. */
  afterCursor: string | null;
}

export type FollowEnd =
  /** The unit finished; `exitCode` from its end marker (null when it was stopped or killed). */
  | { kind: "finished"; exitCode: number | null }
  | { kind: "aborted" };

export interface DetachedTransport {
  readonly mode: "systemd";
  /** Starts the unit; TargetBusy when one of ours runs; TransportFailure when the target cannot be reached. */
  start(unit: string, description: string, command: RebuildCommand): Promise<void>;
  follow(unit: string, io: FollowIO): Promise<FollowEnd>;
  show(unit: string): Promise<UnitState>;
  stop(unit: string): Promise<void>;
  /** After the result is recorded: the unit may go (stop an exited one, reset a failed one). */
  release(unit: string): Promise<void>;
  /** homey-admin's own unit as the target's systemd has it loaded now (after a switch's daemon-reload). */
  showSelf(): Promise<SelfServiceOnTarget>;
}

export interface SystemdTransportOptions extends SshTransportOptions {
  /** How often the unit's state is read while following (default 1 s). */
  pollIntervalMs?: number;
  /** After the unit stopped without an end marker, how long journald may take to catch up. */
  settleMs?: number;
}

export function createSystemdTransport(target: SshTarget, options: SystemdTransportOptions = {}): DetachedTransport {
  return createDetachedTransport(() => openSshConnection(target, options), options);
}

/** The same detached deploy on this machine (transport local with HOMEY_DEPLOY_DETACH=systemd). */
export function createLocalSystemdTransport(options: { pollIntervalMs?: number; settleMs?: number } & LocalShellOptions = {}): DetachedTransport {
  return createDetachedTransport(async () => localShell(options), options);
}

function createDetachedTransport(open: () => Promise<SshConnection>, options: { pollIntervalMs?: number; settleMs?: number }): DetachedTransport {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const settleMs = options.settleMs ?? 1000;
  const run = async (line: string): Promise<{ code: number | null; output: string }> => {
    const connection = await open();
    try {
      const { exit, output } = await connection.exec(line);
      return { code: exit.kind === "exited" ? exit.code : null, output };
    } finally {
      connection.end();
    }
  };

  return {
    mode: "systemd",
    async start(unit, description, command) {
      const { code, output } = await run(startUnitLine(unit, description, command));
      if (code === 0) return;
      if (code === BUSY_EXIT) {
        const running = parseBusy(output);
        const names = running.map((r) => `${r.unit} (${r.description})`).join(", ");
        throw new TargetBusy(
          running,
          running.length > 0
            ? `the target is already running a deploy: ${names}. Wait for it to finish or cancel it first.`
            : "another homey-admin is starting a deploy on the target right now; try again in a moment.",
        );
      }
      throw new TransportFailure(
        "spawn_failed",
        `could not start the deploy unit on the target (exit ${code ?? "signal"}): ${output.trim().slice(0, 500) || "no output"}. ` +
          "The target needs systemd (systemd-run) and flock, and the deploy user must be allowed to start system units (root); " +
          "set HOMEY_DEPLOY_DETACH=off to run the rebuild inside the SSH session (or as a child process, transport local) instead.",
      );
    },

    async follow(unit, io) {
      const connection = await open();
      try {
        return await followOn(connection, unit, io, pollIntervalMs, settleMs);
      } finally {
        connection.end();
      }
    },

    async show(unit) {
      const { code, output } = await run(showUnitLine(unit));
      if (code !== 0) throw new TransportFailure("spawn_failed", `systemctl show ${unit} failed on the target: ${output.trim().slice(0, 300)}`);
      return parseShow(output);
    },

    async stop(unit) {
      await run(stopUnitLine(unit));
    },

    async release(unit) {
      await run(releaseUnitLine(unit));
    },

    async showSelf() {
      const { code, output } = await run(selfServiceShowLine());
      if (code !== 0) throw new TransportFailure("spawn_failed", `systemctl show homey-admin.service failed on the target: ${output.trim().slice(0, 300)}`);
      return parseSelfService(output);
    },
  };
}

async function followOn(connection: SshConnection, unit: string, io: FollowIO, pollIntervalMs: number, settleMs: number): Promise<FollowEnd> {
  let cursor = io.afterCursor;
  let marker: number | null = null;
  const stopJournal = new AbortController();
  const onEntryLine = (line: string) => {
    if (marker !== null) return;
    const entry = parseJournalLine(line);
    if (!entry) return;
    cursor = entry.cursor;
    const exitCode = parseEndMarker(entry.message, unit);
    if (exitCode !== null) {
      marker = exitCode;
      stopJournal.abort();
      return;
    }
    io.onEntry(entry.message, entry.cursor);
  };
  const onAbort = () => stopJournal.abort();
  io.signal.addEventListener("abort", onAbort, { once: true });
  // Aborted while the connection was being opened: the listener above will never fire.
  if (io.signal.aborted) stopJournal.abort();
  try {
    // Under a pty: closing the channel ends `journalctl --follow` on the target.
    const journal = connection.exec(journalLine(unit, { follow: true, afterCursor: cursor }), {
      pty: true,
      onLine: onEntryLine,
      signal: stopJournal.signal,
    });
    // The follower never ends by itself: the end marker or the unit's state ends it.
    const watcher = (async () => {
      while (!stopJournal.signal.aborted) {
        await sleep(pollIntervalMs, stopJournal.signal);
        if (stopJournal.signal.aborted) return;
        const { output } = await connection.exec(showUnitLine(unit));
        const state = parseShow(output);
        if (!isRunning(state)) {
          // Stopped, killed or gone without a marker: give journald a moment, then drain.
          await sleep(settleMs, stopJournal.signal);
          stopJournal.abort();
          return;
        }
      }
    })();
    await Promise.all([journal, watcher.catch((error: unknown) => {
      stopJournal.abort();
      throw error;
    })]);
    if (io.signal.aborted) return { kind: "aborted" };
    if (marker === null) {
      // Whatever reached the journal after the follower was closed.
      await connection.exec(journalLine(unit, { follow: false, afterCursor: cursor }), { onLine: onEntryLine });
    }
    return { kind: "finished", exitCode: marker };
  } finally {
    stopJournal.abort();
    io.signal.removeEventListener("abort", onAbort);
  }
}

