// A homey repo for the e2e app servers: the demo flake (lib/repo/demo-homey) committed into a
// bare "remote"; homey-admin clones it on first use (HOMEY_REPO_REMOTE) and pushes to it.
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "homey", GIT_AUTHOR_EMAIL: "homey@example.org", GIT_COMMITTER_NAME: "homey", GIT_COMMITTER_EMAIL: "homey@example.org" },
  }).trim();
}

export interface HomeyRemote {
  /** The bare repo homey-admin pushes to. */
  bare: string;
  git(...args: string[]): string;
}

export function createHomeyRemote(dir: string): HomeyRemote {
  const work = path.join(dir, "seed-work");
  cpSync(path.join(root, "lib/repo/demo-homey"), work, { recursive: true });
  const flake = path.join(work, "flake.nix");
  writeFileSync(flake, readFileSync(flake, "utf8").replace("@domain@", '"example.org"'));
  git(work, "init", "--quiet", "--initial-branch=main");
  git(work, "add", "--all");
  git(work, "commit", "--quiet", "-m", "homey: start\n\nHomey-Admin: init");
  const bare = path.join(dir, "remote.git");
  git(dir, "clone", "--quiet", "--bare", work, bare);
  return { bare, git: (...args) => git(bare, ...args) };
}
