// Getting a usable working clone before anything reads or writes it.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { Git } from "./git";
import { isDemoMode } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { ensureDemoRepo } from "./demo-repo";
import { gitErrorText, openGit } from "./git";
import { withRepoLock } from "./lock";
import type { RepoSettings } from "./settings";

/**
 * The working clone as a git handle. In demo mode the demo repo is created on first
 * use; with a remote and no clone yet, it is cloned; otherwise a missing repo is an error
 * that says which setting to fix.
 */
export async function openRepo(settings: RepoSettings, options: { demo?: boolean } = {}): Promise<Git> {
  const demo = options.demo ?? isDemoMode();
  if (!(await isGitRepo(settings.path))) {
    if (demo) {
      await ensureDemoRepo(settings.path, settings);
    } else if (settings.remote) {
      await cloneRemote(settings);
    } else {
      throw new AppError(
        "REPO_FAILED",
        `No git repository at ${settings.path}. Set HOMEY_REPO_PATH to homey's working clone (or HOMEY_REPO_REMOTE to clone it there).`,
      );
    }
  }
  return openGit(settings.path, settings.domain);
}

async function isGitRepo(repoPath: string): Promise<boolean> {
  return fs.access(path.join(repoPath, ".git")).then(
    () => true,
    () => false,
  );
}

async function cloneRemote(settings: RepoSettings): Promise<void> {
  await withRepoLock(settings.path, async () => {
    if (await isGitRepo(settings.path)) return; // another request cloned it while we waited
    await fs.mkdir(path.dirname(settings.path), { recursive: true });
    try {
      await openGit(path.dirname(settings.path), settings.domain).raw([
        "clone",
        "--quiet",
        "--branch",
        settings.branch,
        settings.remote!,
        settings.path,
      ]);
    } catch (e) {
      throw new AppError("REPO_FAILED", `Could not clone ${settings.remote} into ${settings.path}: ${gitErrorText(e)}`);
    }
  });
}
