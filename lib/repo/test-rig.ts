// Test rig for lib/repo and lib/changes: real git in a temp dir — a bare "remote", the
// app's working clone (made from the demo flake), and a second clone standing in for
// "someone else". Plus a draft written straight into a migrated SQLite file.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@/lib/db/client";
import { encodeAccessRuleLists } from "@/lib/model/json-list";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { ensureDemoRepo } from "./demo-repo";
import type { RepoSettings } from "./settings";

export const RIG_DOMAIN = "example.org";

/** Runs git synchronously as a person would in a shell (identity given, hooks active). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Someone Else", "-c", "user.email=someone@example.org", ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
  });
}

export interface RepoRig {
  root: string;
  /** The bare remote, or undefined for a local-only rig. */
  remote?: string;
  /** The app's working clone. */
  clone: string;
  settings: RepoSettings;
  /** A second clone of the remote ("someone else's laptop"). */
  otherClone(): Promise<string>;
  /** HEAD, porcelain status and every file's content: "exactly as before" comparisons. */
  fingerprint(): Promise<RepoFingerprint>;
  cleanup(): Promise<void>;
}

export interface RepoFingerprint {
  head: string;
  status: string;
  files: Record<string, string>;
}

export async function createRepoRig(options: { remote?: boolean } = {}): Promise<RepoRig> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "homey-repo-rig-"));
  const clone = path.join(root, "clone");
  let remote: string | undefined;
  if (options.remote) {
    remote = path.join(root, "remote.git");
    const seed = path.join(root, "seed");
    await ensureDemoRepo(seed, { domain: RIG_DOMAIN });
    git(root, "init", "--quiet", "--bare", "--initial-branch=main", remote);
    git(seed, "push", "--quiet", remote, "main:main");
    git(root, "clone", "--quiet", remote, clone);
  } else {
    await ensureDemoRepo(clone, { domain: RIG_DOMAIN });
  }
  const settings: RepoSettings = { path: clone, remote, branch: "main", generatedDir: "generated", domain: RIG_DOMAIN };
  let others = 0;
  return {
    root,
    remote,
    clone,
    settings,
    async otherClone() {
      const dir = path.join(root, `other-${++others}`);
      git(root, "clone", "--quiet", remote!, dir);
      return dir;
    },
    fingerprint: () => fingerprint(clone),
    cleanup: () => fs.rm(root, { recursive: true, force: true }),
  };
}

export async function fingerprint(repo: string): Promise<RepoFingerprint> {
  const files: Record<string, string> = {};
  async function walk(dir: string) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name === ".git") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files[path.relative(repo, full)] = await fs.readFile(full, "utf8");
    }
  }
  await walk(repo);
  return { head: git(repo, "rev-parse", "HEAD").trim(), status: git(repo, "status", "--porcelain=v1", "--untracked-files=all"), files };
}

/** Installs an executable hook script (e.g. pre-commit, pre-receive) in a repo or bare repo. */
export async function installHook(gitDir: string, name: string, script: string): Promise<void> {
  const hooks = path.join(gitDir, "hooks");
  await fs.mkdir(hooks, { recursive: true });
  await fs.writeFile(path.join(hooks, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
}

/** Writes a snapshot as draft rows (services first, for the relations). */
export async function writeDraft(db: PrismaClient, snapshot: DraftSnapshot): Promise<void> {
  for (const s of snapshot.services) await db.service.create({ data: { name: s.name, title: s.name, enabled: s.enabled } });
  for (const v of snapshot.virtualHosts) await db.virtualHost.create({ data: { ...v } });
  for (const r of snapshot.accessRules) {
    await db.accessRule.create({
      data: {
        priority: r.priority,
        policy: r.policy,
        ...encodeAccessRuleLists(r),
      },
    });
  }
  for (const m of snapshot.monitors) await db.monitor.create({ data: { ...m } });
  for (const p of snapshot.backup.extraPaths) await db.backupPath.create({ data: { path: p, mode: "include" } });
  for (const p of snapshot.backup.exclude) await db.backupPath.create({ data: { path: p, mode: "exclude" } });
}

/** A small valid draft in homey's style (every value passes the forms' schemas). */
export const RIG_DRAFT: DraftSnapshot = {
  services: [
    { name: "grafana", enabled: true },
    { name: "nextcloud", enabled: true },
    { name: "uptime-kuma", enabled: false },
  ],
  virtualHosts: [
    { subdomain: "cloud", upstreamHost: "127.0.0.1", upstreamPort: 8080, auth: "none" },
    { subdomain: "grafana", upstreamHost: "127.0.0.1", upstreamPort: 3002, auth: "authelia" },
  ],
  accessRules: [
    { priority: 0, domains: ["auth"], resources: [], subjects: [], policy: "bypass", methods: [], networks: [] },
    { priority: 20, domains: ["grafana"], resources: [], subjects: [["group:admins"]], policy: "two_factor", methods: [], networks: [] },
    { priority: 21, domains: ["grafana"], resources: [], subjects: [], policy: "deny", methods: [], networks: [] },
  ],
  monitors: [
    { name: "Grafana", type: "http", target: "grafana/api/health", interval: 60, keyword: "", maxretries: 2 },
    { name: "Nextcloud", type: "keyword", target: "cloud/status.php", interval: 60, keyword: '"installed":true', maxretries: 3 },
  ],
  backup: { extraPaths: ["/var/lib/grafana"], exclude: ["/mnt/data/media"] },
};

/**
 * What homey must keep for the checker's lockout guard to let an Apply through: caddy,
 * authelia, openldap, homey-admin, and the admin vhost with its two_factor + deny pair.
 * Rig tests that commit write `withHomeyCore(RIG_DRAFT)`.
 */
export function withHomeyCore(snapshot: DraftSnapshot): DraftSnapshot {
  const byName = <T,>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    ...snapshot,
    services: [...snapshot.services, ...["authelia", "caddy", "homey-admin", "openldap"].map((name) => ({ name, enabled: true }))].sort(byName((s) => s.name)),
    virtualHosts: [...snapshot.virtualHosts, { subdomain: "admin", upstreamHost: "127.0.0.1", upstreamPort: 3000, auth: "authelia" as const }].sort(byName((v) => v.subdomain)),
    accessRules: [
      ...snapshot.accessRules,
      { priority: 22, domains: ["admin"], resources: [], subjects: [["group:admins"]], policy: "two_factor" as const, methods: [], networks: [] },
      { priority: 23, domains: ["admin"], resources: [], subjects: [], policy: "deny" as const, methods: [], networks: [] },
    ].sort((a, b) => a.priority - b.priority),
  };
}

export const RIG_ADMIN = { user: "anna", name: "Anna Admin", email: "anna@example.org" };
