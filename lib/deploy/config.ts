// Where and how to deploy, from the environment, validated once per deploy (so a changed
// setting applies to the next deploy without a restart). The private key is only a path
// here: the ssh transport reads it at connect time and it is never stored or logged.
import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { repoPath } from "@/lib/config/env";
import { type EnvSource, environment, rawVariable } from "@/lib/config/load";
import { deployVariables } from "@/lib/config/schema";
import { flakeRepoPathSchema } from "./command";

export { hostKeyFingerprintSchema } from "@/lib/config/schema";

export type HostKeyPin = { kind: "fingerprint"; fingerprint: string } | { kind: "known-hosts"; file: string };

interface CommonTarget {
  flakeAttr: string;
  /** Path of the homey git repo on the machine that runs nixos-rebuild. */
  flakeRepo: string;
  /** The nixos-rebuild program (name on PATH or absolute path). */
  command: string;
  /** nix-env on the target, and the system profile it sets when a preview's build is activated. */
  nixEnv: string;
  systemProfile: string;
  /** Where a preview's build keeps its GC root until confirmed or superseded (command.ts PREVIEW_SCRIPT). */
  previewRoots: string;
  timeoutMs: number;
  /** The health gate after a switch (lib/deploy/health/). */
  health: { mode: "auto" | "ask" | "off"; baseUrl: string; windowMs: number };
}

export interface SshDeployTarget extends CommonTarget {
  transport: "ssh";
  host: string;
  port: number;
  user: string;
  keyFile: string;
  hostKey: HostKeyPin;
  /** "systemd": the rebuild runs as a transient unit on the target (transport-systemd.ts); "off": inside the SSH session. */
  detach: "systemd" | "off";
}

export interface LocalDeployTarget extends CommonTarget {
  transport: "local";
  /** "systemd": the rebuild runs as a transient unit on this machine (it outlives the app); "off": as a child process. */
  detach: "systemd" | "off";
}

export type DeployTarget = SshDeployTarget | LocalDeployTarget;

/** The variables one by one come from the app's one schema; here, whether they fit together. */
const envSchema = z.object(deployVariables).superRefine((env, ctx) => {
  if (transportOf(env) !== "ssh") return;
  if (!env.HOMEY_DEPLOY_HOST) ctx.addIssue({ code: "custom", message: "HOMEY_DEPLOY_HOST is required for the ssh transport" });
  if (!env.HOMEY_DEPLOY_KEY_FILE)
    ctx.addIssue({ code: "custom", message: "HOMEY_DEPLOY_KEY_FILE (path of the private key) is required for the ssh transport" });
  if (!env.HOMEY_DEPLOY_HOST_KEY && !env.HOMEY_DEPLOY_KNOWN_HOSTS)
    ctx.addIssue({
      code: "custom",
      message:
        "pin the target's host key: set HOMEY_DEPLOY_HOST_KEY (SHA256:... from `ssh-keygen -lf` of its ed25519 key) or HOMEY_DEPLOY_KNOWN_HOSTS",
    });
  if (env.HOMEY_DEPLOY_HOST_KEY && env.HOMEY_DEPLOY_KNOWN_HOSTS)
    ctx.addIssue({ code: "custom", message: "set only one of HOMEY_DEPLOY_HOST_KEY and HOMEY_DEPLOY_KNOWN_HOSTS" });
});

/** Without an explicit transport: ssh when a host is configured, else run locally (on the Pi). */
function transportOf(env: { HOMEY_DEPLOY_TRANSPORT?: "ssh" | "local"; HOMEY_DEPLOY_HOST?: string }): "ssh" | "local" {
  return env.HOMEY_DEPLOY_TRANSPORT ?? (env.HOMEY_DEPLOY_HOST ? "ssh" : "local");
}

function nonEmpty(source: EnvSource): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[0].startsWith("HOMEY_DEPLOY_") && !!entry[1]),
  );
}

/** Throws AppError DEPLOY_CONFIG listing every problem, so one fix round is enough. */
export function loadDeployTarget(source: EnvSource = environment()): DeployTarget {
  const parsed = envSchema.safeParse(nonEmpty(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    throw new AppError("DEPLOY_CONFIG", `Deploy settings are incomplete or invalid: ${problems.join("; ")}.`, { problems });
  }
  const env = parsed.data;
  const flakeRepo = env.HOMEY_DEPLOY_FLAKE_REPO ?? defaultFlakeRepo();
  const common: CommonTarget = {
    flakeAttr: env.HOMEY_DEPLOY_FLAKE_ATTR,
    flakeRepo,
    command: env.HOMEY_DEPLOY_COMMAND,
    nixEnv: env.HOMEY_DEPLOY_NIX_ENV,
    systemProfile: env.HOMEY_DEPLOY_SYSTEM_PROFILE,
    previewRoots: env.HOMEY_DEPLOY_PREVIEW_ROOTS,
    timeoutMs: env.HOMEY_DEPLOY_TIMEOUT_S * 1000,
    health: { mode: env.HOMEY_DEPLOY_HEALTH_GATE, baseUrl: env.HOMEY_DEPLOY_HEALTH_BASE_URL, windowMs: env.HOMEY_DEPLOY_HEALTH_WINDOW_S * 1000 },
  };
  if (transportOf(env) === "local") {
    // Set explicitly, or (the default) detached where this process can start system units.
    const detach = nonEmpty(source).HOMEY_DEPLOY_DETACH ? env.HOMEY_DEPLOY_DETACH : canStartSystemUnits() ? "systemd" : "off";
    return { transport: "local", ...common, detach };
  }
  return {
    transport: "ssh",
    ...common,
    host: env.HOMEY_DEPLOY_HOST!,
    port: env.HOMEY_DEPLOY_PORT,
    user: env.HOMEY_DEPLOY_USER,
    keyFile: env.HOMEY_DEPLOY_KEY_FILE!,
    detach: env.HOMEY_DEPLOY_DETACH,
    hostKey: env.HOMEY_DEPLOY_HOST_KEY
      ? { kind: "fingerprint", fingerprint: env.HOMEY_DEPLOY_HOST_KEY }
      : { kind: "known-hosts", file: env.HOMEY_DEPLOY_KNOWN_HOSTS! },
  };
}

/**
 * Transport local, no HOMEY_DEPLOY_DETACH: detach when systemd runs this machine, systemd-run
 * is on PATH and this process is root (an unprivileged one may not start system units; it
 * keeps the child process, as before). Demo mode and the test rig have no systemd: "off".
 */
function canStartSystemUnits(): boolean {
  if (process.getuid?.() !== 0 || !existsSync("/run/systemd/system")) return false;
  return (rawVariable("PATH") ?? "").split(":").some((dir) => dir !== "" && existsSync(path.join(dir, "systemd-run")));
}

/** The app's working clone: right when the app runs on the Pi (or the target shares it). */
function defaultFlakeRepo(): string {
  const result = flakeRepoPathSchema.safeParse(repoPath());
  if (!result.success) {
    throw new AppError(
      "DEPLOY_CONFIG",
      `The repo path ${JSON.stringify(repoPath())} cannot be used in a flake reference; set HOMEY_DEPLOY_FLAKE_REPO. ${result.error.issues[0]?.message ?? ""}`,
    );
  }
  return result.data;
}

/** What Deploy.target records and the UI shows: never the key path. */
export function describeTarget(target: DeployTarget): string {
  return target.transport === "ssh" ? `ssh ${target.user}@${target.host}:${target.port}` : "local";
}
