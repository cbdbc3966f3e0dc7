// Every setting homey-admin reads from its environment, by name, on top of the validated
// configuration (./load.ts, one schema in ./schema.ts). Read lazily (not at import) so tests
// and the demo launcher can set them per process. Server-only: it reads secrets.
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { currentConfig, rawVariable } from "./load";

/** `NAME` or the first line of the file named by `NAME_FILE` (systemd credentials, sops). */
export function secretValue(name: string): string | undefined {
  const direct = rawVariable(name);
  if (direct) return direct;
  const file = rawVariable(`${name}_FILE`);
  if (!file) return undefined;
  return readFileSync(file, "utf8").split(/\r?\n/)[0]?.trim() || undefined;
}

export function dataDir(): string {
  return currentConfig().dataDir;
}

export function databaseUrl(): string {
  return currentConfig().databaseUrl;
}

export function homeyDomain(): string {
  return currentConfig().HOMEY_DOMAIN;
}

/** Demo mode is set only by `server.ts --demo` (it clears any inherited value first). */
export function isDemoMode(): boolean {
  return currentConfig().demoMode;
}

export function adminGroup(): string {
  return currentConfig().HOMEY_ADMIN_GROUP;
}

/** The dashboard's subdomain label (admin.<domain> by default). */
export function adminHost(): string {
  return currentConfig().HOMEY_ADMIN_HOST;
}

/** Authelia's access_control.default_policy in homey (deny unless configured otherwise). */
export function autheliaDefaultPolicy(): "bypass" | "one_factor" | "two_factor" | "deny" {
  return currentConfig().HOMEY_AUTHELIA_DEFAULT_POLICY;
}

export function trustedProxies(): string[] {
  return currentConfig().HOMEY_TRUSTED_PROXIES;
}

export function proxySecretHeader(): string {
  return currentConfig().HOMEY_PROXY_SECRET_HEADER;
}

export function proxySecret(): string | undefined {
  return secretValue("HOMEY_PROXY_SECRET");
}

export function repoPath(): string {
  return currentConfig().repoPath;
}

export function repoRemote(): string | undefined {
  return currentConfig().HOMEY_REPO_REMOTE;
}

export function repoBranch(): string {
  return currentConfig().HOMEY_REPO_BRANCH;
}

export function generatedDirName(): string {
  return currentConfig().HOMEY_GENERATED_DIR;
}

export function breakGlassHashFile(): string | undefined {
  return currentConfig().HOMEY_BREAKGLASS_HASH_FILE;
}

/** homey's Prometheus (no trailing slash): the live state of the services comes from its HTTP API. */
export function prometheusUrl(): string {
  return currentConfig().HOMEY_PROMETHEUS_URL;
}

/** `nix-templates/` of the app, or HOMEY_TEMPLATES_DIR (tests, other repo layouts). */
export function templatesDir(): string {
  return currentConfig().HOMEY_TEMPLATES_DIR ?? path.join(process.cwd(), "nix-templates");
}

/** HOMEY_NIX_INSTANTIATE lets tests (and odd installs) point at another binary. */
export function nixInstantiate(): string {
  return currentConfig().HOMEY_NIX_INSTANTIATE;
}

/** The module evaluator shipped with the app; HOMEY_NIX_EVALUATOR overrides where it is found. */
export function nixEvaluator(): string {
  return currentConfig().HOMEY_NIX_EVALUATOR ?? path.join(process.cwd(), "lib", "nix", "eval-modules.nix");
}

/** The demo flake's source files (lib/repo/demo-homey), or HOMEY_DEMO_FLAKE_DIR. */
export function demoFlakeSourceDir(): string {
  return currentConfig().HOMEY_DEMO_FLAKE_DIR ?? path.join(process.cwd(), "lib", "repo", "demo-homey");
}

/** The webhook notices go to (ntfy-compatible), or undefined: then nothing is sent. */
export function notifyUrl(): string | undefined {
  return currentConfig().HOMEY_NOTIFY_URL;
}

/** The webhook's token, from the file HOMEY_NOTIFY_TOKEN_FILE names (never logged). */
export function notifyToken(): string | undefined {
  const file = currentConfig().HOMEY_NOTIFY_TOKEN_FILE;
  if (!file) return undefined;
  return readFileSync(file, "utf8").split(/\r?\n/)[0]?.trim() || undefined;
}

/** The dashboard's own address for links in notices: NEXTAUTH_URL, else https://<admin host>.<domain>. */
export function publicBaseUrl(): string {
  const config = currentConfig();
  if (config.NEXTAUTH_URL) return config.NEXTAUTH_URL.replace(/\/+$/, "");
  return `https://${config.HOMEY_ADMIN_HOST === "@" ? "" : `${config.HOMEY_ADMIN_HOST}.`}${config.HOMEY_DOMAIN}`;
}
