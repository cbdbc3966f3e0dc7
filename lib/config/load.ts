// Reads the environment once per distinct environment and validates all of it with the one
// schema (./schema.ts). A bad value stops the start: loadConfig() throws ONE ConfigError
// listing every bad variable and how to fix it. Not server-only: server.ts runs it (under
// tsx, outside Next's bundles) before Next starts; lib/startup.ts runs it again inside Next.
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { CONFIG_VARIABLES, type ConfigVariables, configSchema, SECRET_VARIABLES } from "./schema";

export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface Config extends ConfigVariables {
  /** Resolved: HOMEY_DATA_DIR as an absolute path. */
  dataDir: string;
  databaseUrl: string;
  repoPath: string;
  demoMode: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `homey-admin cannot start: ${problems.length === 1 ? "one setting is" : `${problems.length} settings are`} invalid. Fix these environment variables (README "Configuration") and start again:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** An unset or empty variable is "not set" (systemd and shells make empty ones easily). */
function present(source: EnvSource, name: string): string | undefined {
  const v = source[name];
  return v === undefined || v === "" ? undefined : v;
}

/** `_FILE` variables name files read later (secrets, the break-glass hash): they must be readable now. */
const FILE_VARIABLES = ["HOMEY_PROXY_SECRET_FILE", "NEXTAUTH_SECRET_FILE", "HOMEY_BREAKGLASS_HASH_FILE"] as const;

export function loadConfig(source: EnvSource = process.env): Config {
  const raw = Object.fromEntries(CONFIG_VARIABLES.flatMap((name) => (present(source, name) === undefined ? [] : [[name, present(source, name)]])));
  const parsed = configSchema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? "");
      const shown = name && !SECRET_VARIABLES.has(name) && raw[name] !== undefined ? ` (is ${JSON.stringify(raw[name])})` : "";
      problems.push(`${issue.message}${shown}`);
    }
  }
  for (const name of FILE_VARIABLES) {
    const file = present(source, name);
    if (!file) continue;
    try {
      accessSync(file, constants.R_OK);
    } catch {
      problems.push(`${name} names ${JSON.stringify(file)}, which does not exist or is not readable by this user: point it at the file, or unset it`);
    }
  }
  for (const secret of SECRET_VARIABLES) {
    if (present(source, secret) && present(source, `${secret}_FILE`)) {
      problems.push(`set only one of ${secret} and ${secret}_FILE (the _FILE form keeps the secret out of the environment)`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const vars = parsed.data;
  const dataDir = path.resolve(vars.HOMEY_DATA_DIR);
  return {
    ...vars,
    dataDir,
    databaseUrl: vars.DATABASE_URL ?? `file:${path.join(dataDir, "homey-admin.db")}`,
    // A runtime setting, not a file of the app: the ignore keeps Turbopack from tracing the whole project.
    repoPath: path.resolve(/*turbopackIgnore: true*/ vars.HOMEY_REPO_PATH ?? path.join(dataDir, "homey")),
    demoMode: vars.HOMEY_INTERNAL_DEMO_MODE === "1",
  };
}

let cached: { key: string; config: Config } | null = null;

/**
 * The validated configuration of this process, read lazily and again whenever a variable
 * changed (tests and the demo launcher set them per process, before first use).
 */
export function currentConfig(): Config {
  const key = [...CONFIG_VARIABLES, ...SECRET_VARIABLES].map((name) => process.env[name] ?? "").join("\0");
  if (cached?.key !== key) cached = { key, config: loadConfig(process.env) };
  return cached.config;
}

/** The process's environment, for readers that take an EnvSource (lib/deploy/config.ts). */
export function environment(): EnvSource {
  return process.env;
}

/** A variable the schema does not cover (secrets' direct values): through here, not process.env. */
export function rawVariable(name: string): string | undefined {
  return present(process.env, name);
}

/** The whole environment, for a child process that needs the same (PATH, HOME, the stand-in's state). */
export function childProcessEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Demo mode is this process's --demo flag (server.ts), never an inherited variable. */
export function setDemoMode(on: boolean): void {
  delete process.env.HOMEY_INTERNAL_DEMO_MODE;
  if (on) process.env.HOMEY_INTERNAL_DEMO_MODE = "1";
}

/** Sets a variable only when it is not set yet (demo mode's defaults for its simulated target). */
export function setDefaultVariable(name: string, value: string): void {
  process.env[name] ??= value;
}
