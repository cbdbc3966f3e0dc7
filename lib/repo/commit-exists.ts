import "server-only";
import { openRepo } from "./open-repo";
import { repoSettingsFromEnv, type RepoSettings } from "./settings";

/** Whether the homey repo has `sha` as a commit (the caller has checked it is a full hex SHA). */
export async function commitExists(sha: string, settings: RepoSettings = repoSettingsFromEnv()): Promise<boolean> {
  if (!/^[0-9a-f]{40}$/.test(sha)) return false;
  const git = await openRepo(settings);
  try {
    return (await git.raw(["cat-file", "-t", sha])).trim() === "commit";
  } catch {
    return false; // git: "could not get object info" — not in this repo
  }
}
