// The one manual step of the repo contract: flake.nix must import ./generated. Until it
// does, everything the app commits is inert, so the dashboard shows a setup notice.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";

/** Strips Nix comments so a commented-out `# ./generated` does not count. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^'"$])#.*$/gm, "$1");
}

/** True when flake.nix mentions `./generated` (or `./generated/default.nix`) outside comments. */
export async function flakeReferencesGenerated(repoPath: string, generatedDir = "generated"): Promise<boolean> {
  let source: string;
  try {
    source = await fs.readFile(path.join(repoPath, "flake.nix"), "utf8");
  } catch {
    return false;
  }
  const dir = generatedDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_./-])\\./${dir}(/default\\.nix)?(?![A-Za-z0-9_.-])`, "m").test(withoutComments(source));
}

/** The line to add to the modules list in flake.nix, for the notice. */
export function generatedImportLine(generatedDir = "generated"): string {
  return `./${generatedDir}`;
}
