// Every environment variable homey-admin reads, as one zod schema (README "Configuration").
// Pure: no file reads, no process.env — lib/config/load.ts applies it to the environment.
// Each message names the variable and says how to fix it: the start-up error lists them all.
//
// Deploy settings are checked here one by one (a bad port stops the start); whether they
// fit together (ssh needs a host, a key and a pinned host key) is checked per deploy by
// lib/deploy/config.ts, so the Deploys page can explain an incomplete target.
import { isIP } from "node:net";
import { z } from "zod";
import { flakeAttrSchema, flakeRepoPathSchema, rebuildCommandSchema, previewRootsSchema, systemProfileSchema } from "@/lib/deploy/command";

const noNul = (name: string) => z.string().refine((s) => !s.includes("\0"), `${name} must not contain a NUL character`);

const pathSetting = (name: string) => noNul(name);

export const absolutePath = (name: string) =>
  z.string().refine((p) => p.startsWith("/") && !p.includes("\0"), `${name} must be an absolute path (starting with /)`);

export const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number from ${min} to ${max}` })
    .int(`${name} must be a whole number from ${min} to ${max}`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

const hostNamePattern = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export const hostSchema = (name: string) =>
  z.string().refine((s) => hostNamePattern.test(s) || isIP(s) !== 0, `${name} must be a host name or an IP address`);

/** `SHA256:` + unpadded base64 of a SHA-256 digest, as `ssh-keygen -lf` prints it. */
export const hostKeyFingerprintSchema = z
  .string()
  .transform((s) => s.trim().replace(/=+$/, ""))
  .pipe(z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "HOMEY_DEPLOY_HOST_KEY must look like SHA256:<43 base64 characters> (ssh-keygen -lf of the target's host key)"));

/** A trusted proxy: an address, or an IPv4 range in CIDR form (what lib/auth/trust.ts matches). */
function isTrustedProxyEntry(entry: string): boolean {
  if (isIP(entry) !== 0) return true;
  const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(entry);
  return !!cidr && isIP(cidr[1]) === 4 && Number(cidr[2]) <= 32;
}

/** The deploy variables, one by one (their combination: lib/deploy/config.ts). */
export const deployVariables = {
  HOMEY_DEPLOY_TRANSPORT: z.enum(["ssh", "local"], { error: "HOMEY_DEPLOY_TRANSPORT must be ssh or local" }).optional(),
  HOMEY_DEPLOY_HOST: hostSchema("HOMEY_DEPLOY_HOST").optional(),
  HOMEY_DEPLOY_PORT: wholeNumber("HOMEY_DEPLOY_PORT", 1, 65535).default(22),
  HOMEY_DEPLOY_USER: z
    .string()
    .regex(/^[a-z_][a-z0-9_-]{0,31}$/, "HOMEY_DEPLOY_USER must be a plain user name")
    .default("root"),
  HOMEY_DEPLOY_KEY_FILE: absolutePath("HOMEY_DEPLOY_KEY_FILE").optional(),
  HOMEY_DEPLOY_HOST_KEY: hostKeyFingerprintSchema.optional(),
  HOMEY_DEPLOY_KNOWN_HOSTS: absolutePath("HOMEY_DEPLOY_KNOWN_HOSTS").optional(),
  HOMEY_DEPLOY_FLAKE_ATTR: flakeAttrSchema.default("pi-main"),
  HOMEY_DEPLOY_FLAKE_REPO: flakeRepoPathSchema.optional(),
  HOMEY_DEPLOY_TIMEOUT_S: wholeNumber("HOMEY_DEPLOY_TIMEOUT_S", 1, 7 * 24 * 3600).default(3600),
  HOMEY_DEPLOY_COMMAND: rebuildCommandSchema.default("nixos-rebuild"),
  /** nix-env on the target: a confirmed preview sets the system profile with it (as nixos-rebuild does), then activates. */
  HOMEY_DEPLOY_NIX_ENV: rebuildCommandSchema.default("nix-env"),
  /** The target's system profile (NixOS's own path by default; the stand-in keeps one in its private state). */
  HOMEY_DEPLOY_SYSTEM_PROFILE: systemProfileSchema.default("/nix/var/nix/profiles/system"),
  /** A preview's build stays a GC root here (its `result` link) until confirmed or superseded; under Nix's gcroots by default. */
  HOMEY_DEPLOY_PREVIEW_ROOTS: previewRootsSchema.default("/nix/var/nix/gcroots/homey-admin"),
  /** ssh only: "systemd" runs the rebuild as its own transient unit on the target (survives a dropped session); "off" inside the SSH session. */
  HOMEY_DEPLOY_DETACH: z.enum(["systemd", "off"], { error: "HOMEY_DEPLOY_DETACH must be systemd or off" }).default("systemd"),
  /** After a switch: auto rolls an unhealthy system back, ask leaves the choice to the admin, off runs no gate. */
  HOMEY_DEPLOY_HEALTH_GATE: z.enum(["auto", "ask", "off"], { error: "HOMEY_DEPLOY_HEALTH_GATE must be auto, ask or off" }).default("auto"),
  /** Where the gate's probes go, with each monitor's Host header: homey's loopback twins by default. */
  HOMEY_DEPLOY_HEALTH_BASE_URL: z
    .string()
    .regex(/^https?:\/\/[A-Za-z0-9.:[\]-]+\/?$/, "HOMEY_DEPLOY_HEALTH_BASE_URL must be a scheme and host (and port), e.g. http://127.0.0.1 or http://127.0.0.1:8080")
    .default("http://127.0.0.1"),
  /** How long the gate may take, retries included. */
  HOMEY_DEPLOY_HEALTH_WINDOW_S: wholeNumber("HOMEY_DEPLOY_HEALTH_WINDOW_S", 1, 3600).default(120),
};

export const appVariables = {
  DATABASE_URL: z
    .string()
    .refine((s) => s.startsWith("file:") && s.length > "file:".length && !s.includes("\0"), "DATABASE_URL must be a SQLite file URL, file:/path/to/homey-admin.db")
    .optional(),
  HOMEY_DATA_DIR: pathSetting("HOMEY_DATA_DIR").default("data"),
  HOMEY_DOMAIN: z.string().regex(hostNamePattern, "HOMEY_DOMAIN must be a domain name such as example.org (no scheme, no port)").default("zakobar.com"),
  PORT: wholeNumber("PORT", 1, 65535).default(3000),
  HOST: hostSchema("HOST").default("127.0.0.1"),
  HOMEY_TRUSTED_PROXIES: z
    .string()
    .transform((s) => s.split(",").map((p) => p.trim()).filter(Boolean))
    .superRefine((list, ctx) => {
      const bad = list.filter((p) => !isTrustedProxyEntry(p));
      if (bad.length > 0)
        ctx.addIssue({
          code: "custom",
          message: `HOMEY_TRUSTED_PROXIES must be comma-separated IP addresses or IPv4 CIDR ranges (e.g. 127.0.0.1,::1,10.0.0.0/8); not: ${bad.join(", ")}`,
        });
    })
    .default(["127.0.0.1", "::1"]),
  HOMEY_PROXY_SECRET_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "HOMEY_PROXY_SECRET_HEADER must be an HTTP header name (letters, digits, -)")
    .transform((s) => s.toLowerCase())
    .default("x-homey-proxy-secret"),
  HOMEY_PROXY_SECRET_FILE: absolutePath("HOMEY_PROXY_SECRET_FILE").optional(),
  HOMEY_ADMIN_GROUP: z.string().regex(/^[^,\s]+$/, "HOMEY_ADMIN_GROUP must be one group name (no commas or spaces)").default("admins"),
  // The dashboard's own subdomain (admin.<domain>) and Authelia's default_policy: the lockout
  // guard and the policy simulator judge the draft with them (lib/checks).
  HOMEY_ADMIN_HOST: z
    .string()
    .regex(/^(@|[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$/, "HOMEY_ADMIN_HOST must be the dashboard's subdomain label, e.g. admin (or @ for the bare domain)")
    .default("admin"),
  HOMEY_AUTHELIA_DEFAULT_POLICY: z
    .enum(["bypass", "one_factor", "two_factor", "deny"], { error: "HOMEY_AUTHELIA_DEFAULT_POLICY must be bypass, one_factor, two_factor or deny (Authelia's access_control.default_policy)" })
    .default("deny"),
  HOMEY_BREAKGLASS_HASH_FILE: pathSetting("HOMEY_BREAKGLASS_HASH_FILE").optional(),
  NEXTAUTH_SECRET_FILE: absolutePath("NEXTAUTH_SECRET_FILE").optional(),
  NEXTAUTH_URL: z.url({ error: "NEXTAUTH_URL must be the app's public URL, e.g. https://admin.example.org" }).optional(),
  HOMEY_REPO_PATH: pathSetting("HOMEY_REPO_PATH").optional(),
  HOMEY_REPO_REMOTE: noNul("HOMEY_REPO_REMOTE").optional(),
  HOMEY_REPO_BRANCH: z
    .string()
    .regex(/^(?!-)(?!.*\.\.)[A-Za-z0-9._/-]+$/, "HOMEY_REPO_BRANCH must be a git branch name (letters, digits, . _ / -)")
    .default("main"),
  HOMEY_GENERATED_DIR: z
    .string()
    .refine((s) => !s.startsWith("/") && !s.split("/").includes("..") && !s.includes("\0"), "HOMEY_GENERATED_DIR must be a folder inside the repo (relative, no ..)")
    .default("generated"),
  HOMEY_TEMPLATES_DIR: pathSetting("HOMEY_TEMPLATES_DIR").optional(),
  // homey's own Prometheus: where the live state of each service's systemd unit is read (lib/live).
  HOMEY_PROMETHEUS_URL: z
    .url({ protocol: /^https?$/, error: "HOMEY_PROMETHEUS_URL must be an http(s) URL such as http://127.0.0.1:9090" })
    .transform((u) => u.replace(/\/+$/, ""))
    .default("http://127.0.0.1:9090"),
  // Notices on unhealthy deploys, automatic rollbacks and failures (lib/notify): an
  // ntfy-compatible topic URL, and a file holding its access token (sent as a Bearer token).
  HOMEY_NOTIFY_URL: z
    .url({ protocol: /^https?$/, error: "HOMEY_NOTIFY_URL must be an http(s) URL such as https://ntfy.example.org/homey" })
    .optional(),
  HOMEY_NOTIFY_TOKEN_FILE: absolutePath("HOMEY_NOTIFY_TOKEN_FILE").optional(),
  // Set by the NixOS module (nix/module.nix): the package this process runs, and the file whose
  // existence makes systemd restart homey-admin.service (a .path unit; lib/deploy/self-restart.ts).
  HOMEY_ADMIN_PACKAGE: z
    .string()
    .regex(/^\/nix\/store\/[0-9a-z]{32}-[^/\s]+$/, "HOMEY_ADMIN_PACKAGE must be a Nix store path, /nix/store/<hash>-<name> (the NixOS module sets it)")
    .optional(),
  HOMEY_ADMIN_RESTART_FILE: absolutePath("HOMEY_ADMIN_RESTART_FILE").optional(),
  // Set by the NixOS module when services.homey-admin.caddy.contributeVhost is on: the module
  // defines admin.<domain>'s Caddy vhost and its admins-only Authelia rules, so the draft's
  // copies are read-only and left out of generated/ (lib/model/module-managed.ts).
  HOMEY_ADMIN_VHOST_FROM_MODULE: z
    .enum(["1"], { error: "HOMEY_ADMIN_VHOST_FROM_MODULE must be 1 (set by the NixOS module's caddy.contributeVhost) or unset" })
    .optional(),
  // Internal: set by server.ts --demo only, and by the test rig for its own Nix tools.
  HOMEY_INTERNAL_DEMO_MODE: z.enum(["1"], { error: "HOMEY_INTERNAL_DEMO_MODE is set by `server.ts --demo` only: unset it" }).optional(),
  HOMEY_DEMO_FLAKE_DIR: pathSetting("HOMEY_DEMO_FLAKE_DIR").optional(),
  HOMEY_NIX_INSTANTIATE: pathSetting("HOMEY_NIX_INSTANTIATE").default("nix-instantiate"),
  HOMEY_NIX_EVALUATOR: pathSetting("HOMEY_NIX_EVALUATOR").optional(),
};

export const configSchema = z.object({ ...appVariables, ...deployVariables });

/** The variables after validation and defaults (paths not yet resolved). */
export type ConfigVariables = z.output<typeof configSchema>;
/** Every variable the schema knows: only these are read from the environment. */
export const CONFIG_VARIABLES = Object.keys(configSchema.shape) as (keyof ConfigVariables)[];
/** Secrets are read, never shown: a bad value is reported without it. */
export const SECRET_VARIABLES = new Set(["HOMEY_PROXY_SECRET", "NEXTAUTH_SECRET"]);
