// Nix's `--log-format internal-json` → readable log lines + a progress summary. Pure: no
// I/O, no clock; feed it lines in order. Lines starting with "@nix " are Nix's structured
// log; everything else (nixos-rebuild's own messages, activation output) passes through.
// Terminal escapes are stripped from every line that comes out.
//
// The format (Nix src/libutil/logging.cc): {"action":"start"|"stop"|"result"|"msg", ...}.
// Activities have an id and a type; results carry typed `fields` for an activity.
import { stripAnsi } from "./ansi";

/** Activity types (Nix ActivityType). */
const ACT_COPY_PATH = 100;
const ACT_FILE_TRANSFER = 101;
const ACT_REALISE = 102;
const ACT_COPY_PATHS = 103;
const ACT_BUILDS = 104;
const ACT_BUILD = 105;
const ACT_SUBSTITUTE = 108;

/** Result types (Nix ResultType). */
const RES_BUILD_LOG_LINE = 101;
const RES_SET_PHASE = 104;
const RES_PROGRESS = 105;
const RES_SET_EXPECTED = 106;
const RES_POST_BUILD_LOG_LINE = 107;

const COUNTED = new Set([ACT_BUILDS, ACT_COPY_PATHS, ACT_FILE_TRANSFER]);

/** -v shows activities up to "talkative"; deeper ones (querying paths...) are noise. */
const LVL_TALKATIVE = 4;
const LVL_ERROR = 0;

export const MAX_BUILDS_KEPT = 50;
export const BUILD_LOG_TAIL = 20;
export const MAX_ERRORS_KEPT = 20;

export type DeployPhase = "evaluating" | "building" | "copying" | "activating" | "done";

export interface Counter {
  done: number;
  expected: number;
  running: number;
  failed: number;
}

export interface BuildProgress {
  /** Nix's activity id: unique within a deploy. */
  id: number;
  /** Derivation name without store hash and .drv ("homey-services"). */
  name: string;
  drvPath: string;
  status: "running" | "succeeded" | "failed";
  /** The builder's phase (stdenv's "buildPhase"...), when it reports one. */
  builderPhase: string | null;
  logLineCount: number;
  /** The last BUILD_LOG_TAIL lines of this derivation's build log. */
  logTail: string[];
}

export interface ProgressState {
  phase: DeployPhase;
  /** Derivations to build (summed over every Nix process of the deploy). */
  derivations: Counter;
  /** Store paths fetched from substituters / copied. */
  downloads: Counter & { bytesDone: number; bytesExpected: number };
  /** Name of the most recently started derivation still building. */
  currentBuild: string | null;
  /** Builds in start order, at most MAX_BUILDS_KEPT: the oldest successful ones are dropped first. */
  builds: BuildProgress[];
  buildsStarted: number;
  /** Nix's error messages, escapes stripped. */
  errors: string[];
}

export interface RenderedLine {
  text: string;
  /** Set for a derivation's build log line: the derivation name (text is "name> line"). */
  build?: string;
}

interface NixEvent {
  action?: unknown;
  id?: unknown;
  type?: unknown;
  level?: unknown;
  text?: unknown;
  msg?: unknown;
  fields?: unknown;
}

interface Activity {
  type: number;
  progress: [number, number, number, number];
  build?: BuildProgress;
}

// nixos-rebuild / switch-to-configuration messages that mean the build is over and the
// new system is being put in place.
const ACTIVATION_LINE =
  /^(activating the configuration|setting up \/etc|updating (grub|the boot ?loader|systemd-boot)|(stopping|starting|restarting|reloading) the following units|would (start|stop|restart|reload) the following units|switching profile from version)/i;

export function emptyProgress(): ProgressState {
  return {
    phase: "evaluating",
    derivations: { done: 0, expected: 0, running: 0, failed: 0 },
    downloads: { done: 0, expected: 0, running: 0, failed: 0, bytesDone: 0, bytesExpected: 0 },
    currentBuild: null,
    builds: [],
    buildsStarted: 0,
    errors: [],
  };
}

/** "/nix/store/<hash>-homey-services.drv" → "homey-services". */
export function derivationName(drvPath: string): string {
  const base = drvPath.slice(drvPath.lastIndexOf("/") + 1).replace(/\.drv$/, "");
  const dash = base.indexOf("-");
  return dash === 32 ? base.slice(dash + 1) : base;
}

export class NixLogParser {
  private readonly activities = new Map<number, Activity>();
  private readonly expectedBytes = new Map<number, number>();
  // The last reported counters of each "builds" / "copy paths" / "file transfer" activity,
  // kept after it stops and summed: a deploy can run several Nix processes in turn.
  private readonly lastCounters = new Map<number, { type: number; progress: Activity["progress"] }>();
  private state = emptyProgress();

  /** One raw line (no newline) → zero or more lines to show. */
  push(rawLine: string): RenderedLine[] {
    if (!rawLine.startsWith("@nix ")) return this.plain(rawLine);
    let event: NixEvent;
    try {
      event = JSON.parse(rawLine.slice(5)) as NixEvent;
    } catch {
      return this.plain(rawLine);
    }
    if (typeof event !== "object" || event === null) return this.plain(rawLine);
    switch (event.action) {
      case "msg":
        return this.message(event);
      case "start":
        return this.start(event);
      case "stop":
        this.stop(event);
        return [];
      case "result":
        return this.result(event);
      default:
        return [];
    }
  }

  /** The process has ended: the deploy is over whatever the phase was. */
  finish(): void {
    this.state.phase = "done";
    this.state.currentBuild = null;
  }

  /** A copy safe to hand to listeners (the parser keeps mutating its own). */
  snapshot(): ProgressState {
    return structuredClone(this.state);
  }

  private plain(rawLine: string): RenderedLine[] {
    const text = stripAnsi(rawLine);
    if (ACTIVATION_LINE.test(text)) this.state.phase = "activating";
    return [{ text }];
  }

  private message(event: NixEvent): RenderedLine[] {
    if (typeof event.msg !== "string") return [];
    const text = stripAnsi(event.msg);
    if (event.level === LVL_ERROR) {
      this.markFailedBuild(text);
      if (this.state.errors.length < MAX_ERRORS_KEPT) this.state.errors.push(text);
    }
    return text.split("\n").map((line) => ({ text: line }));
  }

  private start(event: NixEvent): RenderedLine[] {
    const id = numberOr(event.id, -1);
    const type = numberOr(event.type, 0);
    const activity: Activity = { type, progress: [0, 0, 0, 0] };
    this.activities.set(id, activity);

    if (type === ACT_BUILD) {
      const fields = Array.isArray(event.fields) ? event.fields : [];
      const drvPath = typeof fields[0] === "string" ? fields[0] : String(event.text ?? "");
      const build: BuildProgress = {
        id,
        name: derivationName(drvPath),
        drvPath,
        status: "running",
        builderPhase: null,
        logLineCount: 0,
        logTail: [],
      };
      activity.build = build;
      this.state.builds.push(build);
      this.state.buildsStarted += 1;
      this.state.currentBuild = build.name;
      this.trimBuilds();
    }
    this.updatePhase();

    const text = typeof event.text === "string" ? stripAnsi(event.text) : "";
    const level = numberOr(event.level, LVL_TALKATIVE + 1);
    return text !== "" && level <= LVL_TALKATIVE ? [{ text }] : [];
  }

  private stop(event: NixEvent): void {
    const id = numberOr(event.id, -1);
    const activity = this.activities.get(id);
    if (!activity) return;
    this.activities.delete(id);
    if (activity.build) {
      // A failed builder is reported by an error message before its activity stops.
      if (activity.build.status === "running") activity.build.status = "succeeded";
      this.state.currentBuild = this.latestRunningBuild();
    }
    // Finished counters keep their last value: a stopped "builds" activity still says 6/6.
    this.updatePhase();
  }

  private result(event: NixEvent): RenderedLine[] {
    const id = numberOr(event.id, -1);
    const type = numberOr(event.type, 0);
    const fields = Array.isArray(event.fields) ? event.fields : [];
    const activity = this.activities.get(id);

    if (type === RES_BUILD_LOG_LINE || type === RES_POST_BUILD_LOG_LINE) {
      const line = stripAnsi(typeof fields[0] === "string" ? fields[0] : "");
      const build = activity?.build;
      if (!build) return [{ text: line }];
      build.logLineCount += 1;
      build.logTail.push(line);
      if (build.logTail.length > BUILD_LOG_TAIL) build.logTail.shift();
      return [{ text: `${build.name}> ${line}`, build: build.name }];
    }
    if (!activity) return [];
    if (type === RES_PROGRESS) {
      activity.progress = [0, 1, 2, 3].map((i) => numberOr(fields[i], 0)) as Activity["progress"];
      if (COUNTED.has(activity.type)) this.lastCounters.set(id, { type: activity.type, progress: activity.progress });
      this.recount();
    } else if (type === RES_SET_EXPECTED && activity.type === ACT_REALISE) {
      // [activity type, expected amount]: file transfers announce the bytes to download.
      if (numberOr(fields[0], 0) === ACT_FILE_TRANSFER) this.expectedBytes.set(id, numberOr(fields[1], 0));
      this.recount();
    } else if (type === RES_SET_PHASE && activity.build) {
      activity.build.builderPhase = typeof fields[0] === "string" ? fields[0] : null;
    }
    return [];
  }

  private recount(): void {
    const derivations = { done: 0, expected: 0, running: 0, failed: 0 };
    const downloads = { done: 0, expected: 0, running: 0, failed: 0, bytesDone: 0, bytesExpected: 0 };
    for (const { type, progress } of this.lastCounters.values()) {
      const [done, expected, running, failed] = progress;
      if (type === ACT_BUILDS) add(derivations, done, expected, running, failed);
      else if (type === ACT_COPY_PATHS) add(downloads, done, expected, running, failed);
      else downloads.bytesDone += done;
    }
    for (const bytes of this.expectedBytes.values()) downloads.bytesExpected += bytes;
    this.state.derivations = derivations;
    this.state.downloads = downloads;
  }

  private updatePhase(): void {
    if (this.state.phase === "activating" || this.state.phase === "done") return;
    let copying = false;
    for (const activity of this.activities.values()) {
      if (activity.type === ACT_BUILD) {
        this.state.phase = "building";
        return;
      }
      if (activity.type === ACT_COPY_PATH || activity.type === ACT_SUBSTITUTE || activity.type === ACT_FILE_TRANSFER) {
        copying = true;
      }
    }
    if (copying) this.state.phase = "copying";
  }

  /** "builder for '/nix/store/…-x.drv' failed with exit code 1" marks that build failed. */
  private markFailedBuild(errorText: string): void {
    const match = /builder for '([^']+\.drv)' failed/.exec(errorText);
    if (!match) return;
    const build = [...this.state.builds].reverse().find((b) => b.drvPath === match[1]);
    if (build) build.status = "failed";
  }

  private latestRunningBuild(): string | null {
    for (let i = this.state.builds.length - 1; i >= 0; i--) {
      if (this.state.builds[i].status === "running") return this.state.builds[i].name;
    }
    return null;
  }

  /** Keeps the snapshot small: drop the oldest finished-successfully builds first. */
  private trimBuilds(): void {
    const builds = this.state.builds;
    while (builds.length > MAX_BUILDS_KEPT) {
      const index = builds.findIndex((b) => b.status === "succeeded");
      if (index === -1) break;
      builds.splice(index, 1);
    }
  }
}

/** Convenience for whole logs (tests, re-rendering a stored raw log). */
export function parseNixLog(lines: Iterable<string>): { lines: RenderedLine[]; progress: ProgressState } {
  const parser = new NixLogParser();
  const rendered: RenderedLine[] = [];
  for (const line of lines) rendered.push(...parser.push(line));
  return { lines: rendered, progress: parser.snapshot() };
}

function add(counter: Counter, done: number, expected: number, running: number, failed: number): void {
  counter.done += done;
  counter.expected += expected;
  counter.running += running;
  counter.failed += failed;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}
