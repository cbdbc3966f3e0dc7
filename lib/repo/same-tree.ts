// Whether two commits hold the same files (the same tree): a revert commit and the commit it
// went back to are the same configuration, so the headline calls them in sync.
import "server-only";
import type { Git } from "./git";

/** False when either commit is unknown to this clone (e.g. a hand deploy from elsewhere). */
export async function sameTree(git: Git, a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([a, b].map(async (sha) => (await git.raw(["rev-parse", "--verify", "--quiet", `${sha}^{tree}`])).trim()));
    return x !== "" && x === y;
  } catch {
    return false;
  }
}
