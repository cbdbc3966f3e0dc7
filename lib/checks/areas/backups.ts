// Findings about Restic: a service's state directory should be in a backup include path and
// not removed again by an exclude.
import type { CheckContext } from "../context";
import { finding, type Finding } from "../finding";

/** `outer` is `inner` or one of its ancestors (paths are in normal form, see pathProblem). */
export function pathCovers(outer: string, inner: string): boolean {
  return outer === inner || outer === "/" || inner.startsWith(`${outer}/`);
}

export function checkBackups(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const includes = ctx.draft.backupPaths.filter((p) => p.mode === "include");
  const excludes = ctx.draft.backupPaths.filter((p) => p.mode === "exclude");
  for (const s of ctx.draft.services) {
    if (s.stateDir === "") continue;
    const covering = includes.filter((p) => pathCovers(p.path, s.stateDir));
    if (covering.length > 0) {
      const excluding = excludes.filter((p) => pathCovers(p.path, s.stateDir));
      if (excluding.length > 0) {
        out.push(
          finding("backup.state-excluded", s.id, `${s.name}'s state (${s.stateDir}) is included by ${covering[0].path} but excluded again by ${excluding.map((p) => p.path).join(", ")}: Restic will not back it up.`, {
            field: "stateDir",
            fix: `Remove the exclude, or narrow it to a subfolder of ${s.stateDir} that can be rebuilt.`,
          }),
        );
      }
      continue;
    }
    const inside = includes.filter((p) => pathCovers(s.stateDir, p.path));
    if (inside.length > 0) {
      out.push(finding("backup.state-partial", s.id, `Only ${inside.map((p) => p.path).join(", ")} of ${s.name}'s state (${s.stateDir}) is backed up.`, { field: "stateDir" }));
    } else {
      out.push(
        finding("backup.state-not-covered", s.id, `${s.name} keeps state in ${s.stateDir}, but no backup path includes it: Restic will not back it up.`, {
          field: "stateDir",
          fix: `Add the backup path ${s.stateDir} (include).`,
        }),
      );
    }
  }
  return out;
}
