// The values a generated/ folder sets, read back into a DraftSnapshot with Nix (the same
// importer "import into draft" uses), so the pending page can compare in form terms.
import "server-only";
import { withGeneratedDir, nixAvailable } from "@/lib/nix/check";
import { importGenerated } from "@/lib/nix/import";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import type { FolderFiles } from "@/lib/repo/read-files";
import { cachedByCommit, commitKey } from "@/lib/repo/commit-cache";
import { EMPTY_SNAPSHOT } from "./summary";

export type RepoValues =
  | { status: "ok"; snapshot: DraftSnapshot }
  /** The folder is absent at that commit: everything in the draft is new. */
  | { status: "empty"; snapshot: DraftSnapshot }
  | { status: "unavailable"; reason: string };

/**
 * `at`: the commit these files are generated/ of. Given, the answer is computed once per
 * commit and process (one Nix evaluation per HEAD, however many pages and Applies ask).
 */
export async function readRepoValues(files: FolderFiles, at?: { sha: string; generatedDir: string }): Promise<RepoValues> {
  if (!at) return readRepoValuesUncached(files);
  return cachedByCommit(commitKey("values", at.sha, at.generatedDir), () => readRepoValuesUncached(files), (v) => v.status !== "unavailable");
}

async function readRepoValuesUncached(files: FolderFiles): Promise<RepoValues> {
  if (Object.keys(files).length === 0) return { status: "empty", snapshot: EMPTY_SNAPSHOT };
  if (!(await nixAvailable())) {
    return { status: "unavailable", reason: "Nix (nix-instantiate) is not installed here, so the repo's values cannot be read back." };
  }
  try {
    // Evaluated from a private temp copy: the working tree may hold other content than HEAD.
    return { status: "ok", snapshot: await withGeneratedDir(files, (dir) => importGenerated(dir)) };
  } catch (e) {
    return { status: "unavailable", reason: `The generated files at HEAD could not be read back: ${(e as Error).message}` };
  }
}
