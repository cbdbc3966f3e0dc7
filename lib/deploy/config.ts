// Where and how to deploy, from the environment, validated once per deploy (so a changed
// setting applies to the next deploy without a restart). The private key is only a path
// here: the ssh transport reads it at connect time and it is never stored or logged.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { repoPath } from "@/lib/config/env";
import { flakeAttrSchema, flakeRepoPathSchema, rebuildCommandSchema } from "./command";

export type HostKeyPin = { kind: "fingerprint"; fingerprint: string } | { kind: "known-hosts"; file: string };

interface CommonTarget {
  flakeAttr: string;
  /** Path of the homey git repo on the machine that runs nixos-rebuild. */
  flakeRepo: string;
  /** The nixos-rebuild program (name on PATH or absolute path). */
  command: string;
  timeoutMs: number;
}

export interface SshDeployTarget extends CommonTarget {
  transport: "ssh";
  host: string;
  port: number;
  user: string;
  keyFile: string;
  hostKey: HostKeyPin;
}

export interface LocalDeployTarget extends CommonTarget {
  transport: "local";
}

export type DeployTarget = SshDeployTarget | LocalDeployTarget;

const absolutePath = (what: string) =>
  z.string().refine((p) => p.startsWith("/") && !p.includes("\0"), `${what} must be an absolute path`);

const hostSchema = z
  .string()
  .regex(
    /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^[0-9A-Fa-f:.]+$/,
    "HOMEY_DEPLOY_HOST must be a host name or an IP address",
  );

/** `SHA256:` + unpadded base64 of a SHA-256 digest, as `ssh-keygen -lf` prints it. */
export const hostKeyFingerprintSchema = z
  .string()
  .transform((s) => s.trim().replace(/=+$/, ""))
  .pipe(z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "HOMEY_DEPLOY_HOST_KEY must look like SHA256:<43 base64 characters>"));

const numberFromEnv = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const envSchema = z
  .object({
    HOMEY_DEPLOY_TRANSPORT: z.enum(["ssh", "local"], { error: "HOMEY_DEPLOY_TRANSPORT must be ssh or local" }).optional(),
    HOMEY_DEPLOY_HOST: hostSchema.optional(),
    HOMEY_DEPLOY_PORT: numberFromEnv("HOMEY_DEPLOY_PORT", 1, 65535).default(22),
    HOMEY_DEPLOY_USER: z
      .string()
      .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "HOMEY_DEPLOY_USER must be a plain user name")
      .default("root"),
    HOMEY_DEPLOY_KEY_FILE: absolutePath("HOMEY_DEPLOY_KEY_FILE").optional(),
    HOMEY_DEPLOY_HOST_KEY: hostKeyFingerprintSchema.optional(),
    HOMEY_DEPLOY_KNOWN_HOSTS: absolutePath("HOMEY_DEPLOY_KNOWN_HOSTS").optional(),
    HOMEY_DEPLOY_FLAKE_ATTR: flakeAttrSchema.default("pi-main"),
    HOMEY_DEPLOY_FLAKE_REPO: flakeRepoPathSchema.optional(),
    HOMEY_DEPLOY_TIMEOUT_S: numberFromEnv("HOMEY_DEPLOY_TIMEOUT_S", 1, 7 * 24 * 3600).default(3600),
    HOMEY_DEPLOY_COMMAND: rebuildCommandSchema.default("nixos-rebuild"),
  })
  .superRefine((env, ctx) => {
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

type EnvSource = Readonly<Record<string, string | undefined>>;

function nonEmpty(source: EnvSource): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => entry[0].startsWith("HOMEY_DEPLOY_") && !!entry[1]),
  );
}

/** Throws AppError DEPLOY_CONFIG listing every problem, so one fix round is enough. */
export function loadDeployTarget(source: EnvSource = process.env): DeployTarget {
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
    timeoutMs: env.HOMEY_DEPLOY_TIMEOUT_S * 1000,
  };
  if (transportOf(env) === "local") return { transport: "local", ...common };
  return {
    transport: "ssh",
    ...common,
    host: env.HOMEY_DEPLOY_HOST!,
    port: env.HOMEY_DEPLOY_PORT,
    user: env.HOMEY_DEPLOY_USER,
    keyFile: env.HOMEY_DEPLOY_KEY_FILE!,
    hostKey: env.HOMEY_DEPLOY_HOST_KEY
      ? { kind: "fingerprint", fingerprint: env.HOMEY_DEPLOY_HOST_KEY }
      : { kind: "known-hosts", file: env.HOMEY_DEPLOY_KNOWN_HOSTS! },
  };
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
