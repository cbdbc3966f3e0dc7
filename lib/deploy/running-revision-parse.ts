// nixos-version --configuration-revision's answer, in words the status can use. Pure.
//   exit 0, a 40-hex SHA  → that commit runs
//   exit 0, "dirty"       → built from a tree with uncommitted changes (self.rev unset)
//   exit 1 "Configuration revision is unknown." → the flake does not set it
//   command not found (127) → not NixOS, or PATH lacks it

export type RunningRevision =
  | { kind: "commit"; sha: string }
  | { kind: "dirty" }
  /** The target answered but does not know (configurationRevision unset, or nothing activated). */
  | { kind: "unknown"; reason: string }
  | { kind: "unreachable"; reason: string };

const SHA = /^[0-9a-f]{40}$/;

export function parseConfigurationRevision(code: number | null, output: string): RunningRevision {
  const text = output.replace(/\r/g, "").trim();
  const lastLine = text.split("\n").at(-1)?.trim() ?? "";
  if (code === 0) {
    if (SHA.test(lastLine)) return { kind: "commit", sha: lastLine };
    if (lastLine === "dirty") return { kind: "dirty" };
    return { kind: "unknown", reason: `nixos-version answered ${JSON.stringify(lastLine.slice(0, 80))}, not a commit` };
  }
  if (code === 127) {
    return { kind: "unknown", reason: "the target has no nixos-version on its PATH (is it NixOS?)" };
  }
  if (/revision is unknown/i.test(text)) {
    return {
      kind: "unknown",
      reason: 'the running system has no configuration revision: add system.configurationRevision = self.rev or "dirty"; to the homey flake',
    };
  }
  return { kind: "unknown", reason: `nixos-version --configuration-revision failed (exit ${code ?? "signal"}): ${text.slice(0, 200) || "no output"}` };
}
