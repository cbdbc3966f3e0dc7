import { generatedDirName, homeyDomain, repoBranch, repoPath, repoRemote } from "@/lib/config/env";

/**
 * Where the homey repo is and how the app talks to it. Passed into every lib/repo and
 * lib/changes function (never read from globals inside them) so tests hand in a temp repo.
 */
export interface RepoSettings {
  /** The app's working clone. */
  path: string;
  /** URL or path of the remote to pull from and push to; absent = a local-only repo. */
  remote?: string;
  branch: string;
  /** The folder inside the repo that homey-admin owns, e.g. "generated". */
  generatedDir: string;
  /** homey's domain: the fallback commit e-mail is `user@<domain>`. */
  domain: string;
}

export function repoSettingsFromEnv(): RepoSettings {
  return {
    path: repoPath(),
    remote: repoRemote(),
    branch: repoBranch(),
    generatedDir: generatedDirName(),
    domain: homeyDomain(),
  };
}
