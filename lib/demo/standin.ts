// The stand-in nixos-rebuild, shipped with demo mode (its simulated Pi) and used by the test
// rig: where it keeps its private Nix store and state, the knobs (standin.env, read on every
// run), and the activated configuration it records (the state file demo mode and tests read).
// It is a stand-in, not NixOS: lib/demo/standin/bin/nixos-rebuild says so in every run's log.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { childProcessEnv } from "@/lib/config/load";
import { STANDIN_COMMAND_PATH } from "./standin-command";

const run = promisify(execFile);

/**
 * The stand-in's files (bin/nixos-rebuild, nix-env.sh, fixture-flake/), found from the app's
 * root at run time like the other shipped assets (nix-templates/, lib/nix/eval-modules.nix):
 * homey-admin is started from its root (npm start, npm run demo, the test rig).
 */
export function standinDir(): string {
  return path.join(process.cwd(), "lib", "demo", "standin");
}

export function standinBinDir(): string {
  return path.dirname(path.join(process.cwd(), STANDIN_COMMAND_PATH));
}

/** The stand-in program, for HOMEY_DEPLOY_COMMAND (local transport) or an sshd's PATH. */
export function standinCommand(): string {
  const command = path.join(process.cwd(), STANDIN_COMMAND_PATH);
  if (!existsSync(command)) {
    throw new Error(`the stand-in nixos-rebuild is missing at ${command}: start homey-admin from its own directory`);
  }
  return command;
}

/**
 * homey-admin's settings for activating a preview's build on the stand-in, as nixos-rebuild
 * does after a build (lib/deploy/command.ts ACTIVATE_SCRIPT): its nix-env on the private
 * store, and the profile its switch and --rollback use. The defaults are NixOS's own.
 */
export function standinActivationEnv(state: { stateDir: string }): Record<string, string> {
  return {
    HOMEY_DEPLOY_NIX_ENV: path.join(standinBinDir(), "standin-nix-env"),
    HOMEY_DEPLOY_SYSTEM_PROFILE: path.join(state.stateDir, "profiles", "system"),
    HOMEY_DEPLOY_PREVIEW_ROOTS: standinPreviewRoots(state.stateDir),
  };
}

/** The preview builds' GC roots on the stand-in: under its private Nix's gcroots (NIX_STATE_DIR=<state>/nix/var, nix-env.sh). */
export function standinPreviewRoots(stateDir: string): string {
  return path.join(stateDir, "nix", "var", "gcroots", "homey-admin");
}

export interface StandinOptions {
  /** Seconds between build log lines (default 0.05): raise it for a slow, cancellable build. */
  stepDelaySeconds?: number;
  /** Non-empty: the system derivation prints this as an error and exits 1 (a real Nix build failure). */
  failBuild?: string;
  /** The `domain` specialArg (default example.test). */
  domain?: string;
  /** false: an already-built commit is not rebuilt (like real Nix). Default true. */
  forceRebuild?: boolean;
  /** switch/test: activation records the configuration, then reports these units failed and exits 4 (like switch-to-configuration). */
  failUnits?: string[];
  /** switch/test: activation pauses this long mid-way (a window to drop the SSH session in). */
  activationDelaySeconds?: number;
  /**
   * Activation starts/stops an HTTP server per vhost on its upstream port (standin/upstreams.mjs),
   * and with `proxyPort` Debian's caddy (or, without it, a node fallback proxy) on
   * 127.0.0.1:proxyPort in front of them (the probe's base URL): standin/caddy.mjs.
   */
  upstreams?: { proxyPort?: number };
  /**
   * On the systemd target (upstreams on): these units' real start fails (a oneshot exiting 1,
   * standin/systemd-units.mjs), so activation ends with exit 4 naming them.
   */
  brokenUnits?: string[];
  /**
   * Which nixos-rebuild to imitate where they differ: "bash" (default: nixos-25.05's default,
   * no result line after dry-activate or build) or "ng" (nixos-rebuild-ng's "Done. The new
   * configuration is …"). Both leave `build`'s ./result in the working directory.
   */
  nixosRebuild?: "bash" | "ng";
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
  /** Stops the upstream servers and the caddy (or fallback proxy) activations started. */
  stopUpstreams(): void;
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
      if (options.failUnits?.length) lines.push(`HOMEY_STANDIN_FAIL_UNITS=${shellWord(options.failUnits.join(", "))}`);
      if (options.activationDelaySeconds) lines.push(`HOMEY_STANDIN_ACTIVATION_DELAY=${Number(options.activationDelaySeconds)}`);
      if (options.upstreams) lines.push("HOMEY_STANDIN_UPSTREAMS=1");
      if (options.brokenUnits?.length) lines.push(`HOMEY_STANDIN_BROKEN_UNITS=${shellWord(options.brokenUnits.join(", "))}`);
      if (options.nixosRebuild) lines.push(`HOMEY_STANDIN_NIXOS_REBUILD=${options.nixosRebuild === "ng" ? "ng" : "bash"}`);
      if (options.upstreams?.proxyPort) lines.push(`HOMEY_STANDIN_PROXY_PORT=${Number(options.upstreams.proxyPort)}`);
      writeFileSync(path.join(stateDir, "standin.env"), `${lines.join("\n")}\n`);
    },
    readActivated() {
      return existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, "utf8")) as ActivatedState) : null;
    },
    stopUpstreams() {
      execFileSync(process.execPath, [path.join(standinDir(), "upstreams.mjs"), "stop-all", stateDir], { stdio: "pipe" });
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
  const envScript = path.join(standinDir(), "nix-env.sh");
  try {
    const { stdout } = await run("bash", ["-c", '. "$0" && nix-store --init && nix --version', envScript], {
      env: childProcessEnv(state.env),
    });
    return stdout.trim();
  } catch (error) {
    throw new Error(
      `the stand-in nixos-rebuild needs Nix (apt-get install nix-bin): preparing its store failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
