// Demo mode: a homey flake of its own, so the dashboard makes real commits without anyone's
// real repo. Created once, on first use; an existing repo at the path is never touched.
import "server-only";
import { demoFlakeSourceDir } from "@/lib/config/env";
import fs from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";
import { nixString } from "@/lib/nix/serializer";
import { openGit } from "./git";
import { withRepoLock } from "./lock";
import { withAppTrailer } from "./ownership";

export const DEMO_AUTHOR = "homey-admin demo <demo@homey.invalid>";

/** The demo flake's source files (lib/repo/demo-homey), or HOMEY_DEMO_FLAKE_DIR. */
export function demoFlakeDir(): string {
  return demoFlakeSourceDir();
}

export interface DemoRepoOptions {
  domain?: string;
  branch?: string;
  generatedDir?: string;
}

/** Creates the demo homey repo at `repoPath` unless a git repo is already there. */
export async function ensureDemoRepo(repoPath: string, options: DemoRepoOptions = {}): Promise<{ created: boolean }> {
  return withRepoLock(repoPath, async () => {
    if (await exists(path.join(repoPath, ".git"))) return { created: false };
    const existing = await fs.readdir(repoPath).catch(() => [] as string[]);
    if (existing.length > 0) {
      throw new AppError(
        "REPO_FAILED",
        `${repoPath} exists and is not a git repository; the demo will not write into it. Empty it or set HOMEY_REPO_PATH elsewhere.`,
      );
    }
    const { domain = "example.org", branch = "main", generatedDir = "generated" } = options;
    await copyDemoFlake(repoPath, { domain, generatedDir });
    const git = openGit(repoPath, domain);
    await git.raw(["init", "--quiet", `--initial-branch=${branch}`]);
    await git.raw(["add", "--all"]);
    await git.raw([
      "commit",
      "--quiet",
      "--no-verify",
      `--author=${DEMO_AUTHOR}`,
      "-m",
      // The trailer makes this the drift baseline: generated/ starts as the app left it.
      withAppTrailer("homey: demo flake for homey-admin\n\nModules declaring homey's options, hosts/pi-main, and an empty generated/.", "init"),
    ]);
    return { created: true };
  });
}

async function copyDemoFlake(target: string, options: { domain: string; generatedDir: string }): Promise<void> {
  const source = demoFlakeDir();
  for (const rel of await listFiles(source)) {
    let text = await fs.readFile(path.join(/*turbopackIgnore: true*/ source, rel), "utf8");
    let dest = rel;
    if (rel === "flake.nix") {
      // The domain goes through the serializer like every other value written into Nix.
      text = text.replace("@domain@", nixString(options.domain)).replace("./generated", `./${options.generatedDir}`);
    }
    if (rel.startsWith("generated/")) dest = `${options.generatedDir}/${rel.slice("generated/".length)}`;
    await fs.mkdir(path.dirname(path.join(target, dest)), { recursive: true });
    await fs.writeFile(path.join(target, dest), text);
  }
}

async function listFiles(root: string, rel = ""): Promise<string[]> {
  const entries = await fs.readdir(path.join(/*turbopackIgnore: true*/ root, rel), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(root, path.posix.join(rel, e.name)) : [path.posix.join(rel, e.name)])),
  );
  return nested.flat().sort();
}

async function exists(p: string): Promise<boolean> {
  return fs.access(p).then(
    () => true,
    () => false,
  );
}
