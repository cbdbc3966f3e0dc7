// A throwaway homey repo (real git) whose commits the rig deploys: tests write a few
// generated/*.nix files by hand and commit them, then deploy that SHA.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface HomeyRepo {
  path: string;
  /** Writes (or, for null, deletes) files relative to the repo root and commits them; returns the SHA. */
  commit(files: Record<string, string | null>, message?: string): Promise<string>;
}

export async function createHomeyRepo(repoPath: string): Promise<HomeyRepo> {
  mkdirSync(repoPath, { recursive: true });
  const git = (...args: string[]) => run("git", ["-C", repoPath, ...args]);
  await git("init", "-q", "-b", "main");
  await git("config", "user.email", "rig@homey.test");
  await git("config", "user.name", "homey-admin test rig");
  let count = 0;
  return {
    path: repoPath,
    async commit(files, message) {
      for (const [relative, content] of Object.entries(files)) {
        const file = path.join(repoPath, relative);
        if (content === null) rmSync(file, { force: true });
        else {
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, content);
        }
      }
      await git("add", "-A");
      await git("commit", "-q", "--allow-empty", "-m", message ?? `test commit ${++count}`);
      const { stdout } = await git("rev-parse", "HEAD");
      return stdout.trim();
    },
  };
}

/** generated/ as homey-admin renders it, from plain values (enough for tests). */
export function generatedFiles(values: {
  services?: Record<string, boolean>;
  virtualHosts?: Record<string, { port: number; auth?: boolean }>;
  extraPaths?: string[];
}): Record<string, string> {
  const services = Object.entries(values.services ?? {})
    .map(([name, enable]) => `    ${JSON.stringify(name)}.enable = ${enable};`)
    .join("\n");
  const vhosts = Object.entries(values.virtualHosts ?? {})
    .map(
      ([sub, v]) =>
        `    ${JSON.stringify(sub)} = { host = "${sub}.\${domain}"; port = ${v.port}; auth = ${v.auth ?? true}; };`,
    )
    .join("\n");
  const paths = (values.extraPaths ?? []).map((p) => JSON.stringify(p)).join(" ");
  return {
    "generated/default.nix": "{ ... }:\n{\n  imports = [ ./services.nix ./vhosts.nix ./backup.nix ];\n}\n",
    "generated/services.nix": `{ domain, ... }:\n{\n  homey.services = {\n${services}\n  };\n}\n`,
    "generated/vhosts.nix": `{ domain, ... }:\n{\n  homey.caddy.virtualHosts = {\n${vhosts}\n  };\n}\n`,
    "generated/backup.nix": `{ domain, ... }:\n{\n  homey.backup.extraPaths = [ ${paths} ];\n}\n`,
  };
}
