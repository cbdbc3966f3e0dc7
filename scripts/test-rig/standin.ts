// The stand-in nixos-rebuild's side of the rig: where it keeps its private Nix store and
// state, the knobs tests turn (standin.env, read on every run), and the activated
// configuration it records (the state file tests compare with what was committed).
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

// From the checkout root the process runs in (as nix-templates/ is found), not from this
// module's own URL: the production server is one bundled file (dist/server.js), where
// import.meta.url would name dist/, not scripts/test-rig/.
export const RIG_DIR = path.join(process.cwd(), "scripts", "test-rig");
export const STANDIN_COMMAND = path.join(RIG_DIR, "bin", "nixos-rebuild");

export interface StandinOptions {
  /** Seconds between build log lines (default 0.05): raise it for a slow, cancellable build. */
  stepDelaySeconds?: number;
  /** Non-empty: the system derivation prints this as an error and exits 1 (a real Nix build failure). */
  failBuild?: string;
  /** The `domain` specialArg (default example.test). */
  domain?: string;
  /** false: an already-built commit is not rebuilt (like real Nix). Default true. */
  forceRebuild?: boolean;
}

/** What switch-to-configuration records on switch/test. */
export interface ActivatedState {
  action: "switch" | "test";
  /** Store path of the activated system. */
  system: string;
  configuration: {
    /** The homey repo commit that was built. */
    rev: string | null;
    domain: string;
    /** Everything generated/ set under `homey`, as evaluated by Nix. */
    homey: Record<string, unknown>;
  };
}

export interface StandinState {
  stateDir: string;
  stateFile: string;
  /** Environment the stand-in needs (the ssh session gets it from sshd's SetEnv). */
  env: Record<string, string>;
  setOptions(options: StandinOptions): void;
  readActivated(): ActivatedState | null;
  /** PIDs of live processes of one stand-in run (its run id is in their environment). */
  processesOfRun(runId: string): number[];
}

export function prepareStandinState(stateDir: string): StandinState {
  mkdirSync(stateDir, { recursive: true });
  const stateFile = path.join(stateDir, "activated.json");
  const state: StandinState = {
    stateDir,
    stateFile,
    env: { HOMEY_STANDIN_STATE_DIR: stateDir, HOMEY_STANDIN_STATE_FILE: stateFile },
    setOptions(options) {
      const lines = [
        `HOMEY_STANDIN_STEP_DELAY=${Number(options.stepDelaySeconds ?? 0.05)}`,
        `HOMEY_STANDIN_FORCE_REBUILD=${options.forceRebuild === false ? 0 : 1}`,
      ];
      if (options.domain) lines.push(`HOMEY_STANDIN_DOMAIN=${shellWord(options.domain)}`);
      if (options.failBuild) lines.push(`HOMEY_STANDIN_FAIL_BUILD=${shellWord(options.failBuild)}`);
      writeFileSync(path.join(stateDir, "standin.env"), `${lines.join("\n")}\n`);
    },
    readActivated() {
      return existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as ActivatedState) : null;
    },
    processesOfRun(runId) {
      return processesWithEnvValue(runId);
    },
  };
  state.setOptions({});
  return state;
}

/**
 * Creates the stand-in's private Nix store now (rather than on the first deploy) and fails
 * early, with a clear message, when Debian's nix-bin is missing.
 */
export async function initStandinNixStore(state: StandinState): Promise<string> {
  const envScript = path.join(RIG_DIR, "lib", "standin-nix-env.sh");
  try {
    const { stdout } = await run("bash", ["-c", '. "$0" && nix-store --init && nix --version', envScript], {
      env: { ...process.env, ...state.env },
    });
    return stdout.trim();
  } catch (error) {
    throw new Error(
      `the deploy test rig needs Nix (apt-get install nix-bin): preparing its store failed: ${(error as Error).message}`,
    );
  }
}

/** The stand-in's first line: "stand-in nixos-rebuild (...): run <id>, pid <pid>". */
export function standinRunId(logLines: string[]): string | null {
  for (const line of logLines) {
    const match = /^stand-in nixos-rebuild .*: run (\S+), pid \d+/.exec(line);
    if (match) return match[1];
  }
  return null;
}

function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Every process whose environment contains `value` (the stand-in, nix, the builders). */
function processesWithEnvValue(value: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "latin1").includes(value)) found.push(Number(entry));
    } catch {
      // exited, or not ours to read
    }
  }
  return found;
}
