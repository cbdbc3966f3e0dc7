// Every setting homey-admin reads from its environment, with its default, in one place.
// Read lazily (not at import) so tests and the demo launcher can set them per process.
import { readFileSync } from "node:fs";
import path from "node:path";

function value(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v === "" ? undefined : v;
}

/** `NAME` or the first line of the file named by `NAME_FILE` (systemd credentials, sops). */
export function secretValue(name: string): string | undefined {
  const direct = value(name);
  if (direct) return direct;
  const file = value(`${name}_FILE`);
  if (!file) return undefined;
  return readFileSync(file, "utf8").split(/\r?\n/)[0]?.trim() || undefined;
}

export function dataDir(): string {
  return path.resolve(value("HOMEY_DATA_DIR") ?? "data");
}

export function databaseUrl(): string {
  return value("DATABASE_URL") ?? `file:${path.join(dataDir(), "homey-admin.db")}`;
}

export function homeyDomain(): string {
  return value("HOMEY_DOMAIN") ?? "zakobar.com";
}

/** Demo mode is set only by `server.ts --demo` (it clears any inherited value first). */
export function isDemoMode(): boolean {
  return process.env.HOMEY_INTERNAL_DEMO_MODE === "1";
}

export function adminGroup(): string {
  return value("HOMEY_ADMIN_GROUP") ?? "admins";
}

export function trustedProxies(): string[] {
  return (value("HOMEY_TRUSTED_PROXIES") ?? "127.0.0.1,::1")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function proxySecretHeader(): string {
  return (value("HOMEY_PROXY_SECRET_HEADER") ?? "x-homey-proxy-secret").toLowerCase();
}

export function proxySecret(): string | undefined {
  return secretValue("HOMEY_PROXY_SECRET");
}

export function repoPath(): string {
  return path.resolve(value("HOMEY_REPO_PATH") ?? path.join(dataDir(), "homey"));
}

export function repoRemote(): string | undefined {
  return value("HOMEY_REPO_REMOTE");
}

export function repoBranch(): string {
  return value("HOMEY_REPO_BRANCH") ?? "main";
}

export function generatedDirName(): string {
  return value("HOMEY_GENERATED_DIR") ?? "generated";
}

export function breakGlassHashFile(): string | undefined {
  return value("HOMEY_BREAKGLASS_HASH_FILE");
}
