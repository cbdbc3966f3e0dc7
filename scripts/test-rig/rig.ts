// The whole deploy test target in one call: a state dir for the stand-in's private Nix
// store (the stand-in is demo mode's, lib/demo/standin), a real sshd whose sessions find
// the stand-in nixos-rebuild first on PATH, and the
// environment homey-admin needs to deploy there (ssh) or run the stand-in directly (local).
//
//   const rig = await startTestRig();          // vitest beforeAll / Playwright globalSetup
//   Object.assign(process.env, rig.env.ssh);   // or rig.env.local
//   ... deploy ... rig.standin.readActivated()
//   await rig.stop();
//
// From a shell: `node_modules/.bin/tsx scripts/test-rig/cli.ts` prints the same as JSON.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type SshdHandle, startSshd } from "./start-sshd";
import { initStandinNixStore, prepareRigStandin, type RigStandin, standinActivationEnv, standinBinDir, standinCommand } from "./standin";

export interface TestRigOptions {
  /** Where everything goes; a fresh temp dir by default (removed by stop()). */
  dir?: string;
  /** Start sshd (default true); false for local-transport-only use. */
  sshd?: boolean;
  /** The homey repo the app deploys from (sets HOMEY_DEPLOY_FLAKE_REPO when given). */
  flakeRepo?: string;
}

export interface TestRig {
  dir: string;
  standin: RigStandin;
  sshd: SshdHandle | null;
  /** Env vars for homey-admin: `ssh` deploys through the sshd, `local` spawns the stand-in. */
  env: { ssh: Record<string, string>; local: Record<string, string> };
  stop(): Promise<void>;
}

export async function startTestRig(options: TestRigOptions = {}): Promise<TestRig> {
  const ownDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), "homey-deploy-rig-"));
  const standin = prepareRigStandin(path.join(dir, "standin"));
  await initStandinNixStore(standin);
  const sshd =
    options.sshd === false
      ? null
      : await startSshd({ dir, pathPrepend: [standinBinDir()], sessionEnv: standin.env });

  const common: Record<string, string> = {
    HOMEY_DEPLOY_FLAKE_ATTR: "pi-main",
    ...(options.flakeRepo ? { HOMEY_DEPLOY_FLAKE_REPO: options.flakeRepo } : {}),
    // For tests reading back what was activated; homey-admin itself ignores these.
    ...standin.env,
    // Activating a preview's build: the stand-in's nix-env and profile (NixOS paths otherwise).
    ...standinActivationEnv(standin),
  };
  const env = {
    // A child process (the stand-in's state variables would not reach a transient unit).
    local: { ...common, HOMEY_DEPLOY_TRANSPORT: "local", HOMEY_DEPLOY_DETACH: "off", HOMEY_DEPLOY_COMMAND: standinCommand() },
    ssh: sshd
      ? {
          ...common,
          HOMEY_DEPLOY_TRANSPORT: "ssh",
          // This sshd runs on a host without systemd: the rebuild runs inside the SSH session.
          // The systemd target (systemd-target.ts) exercises the detached mode.
          HOMEY_DEPLOY_DETACH: "off",
          HOMEY_DEPLOY_HOST: sshd.host,
          HOMEY_DEPLOY_PORT: String(sshd.port),
          HOMEY_DEPLOY_USER: sshd.user,
          HOMEY_DEPLOY_KEY_FILE: sshd.clientKeyPath,
          HOMEY_DEPLOY_HOST_KEY: sshd.hostKeyFingerprint,
        }
      : {},
  };

  return {
    dir,
    standin,
    sshd,
    env,
    async stop() {
      await sshd?.stop();
      standin.stopUpstreams();
      // The Nix store is read-only (like /nix/store): make it writable to delete it.
      if (ownDir) {
        await makeWritable(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function makeWritable(dir: string): Promise<void> {
  const { execFile } = await import("node:child_process");
  await new Promise<void>((resolve) => execFile("chmod", ["-R", "u+w", dir], () => resolve()));
}
