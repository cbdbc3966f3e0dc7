// The package changes a preview's build brings, asked of the target after the dry-activate:
// `nvd diff` when nvd is installed there, else `nix store diff-closures` (Nix's own), both
// comparing the running system (/run/current-system) with the built one. The script is a
// constant; the built path is its only argument, checked to be a store path, so nothing
// from the log reaches a shell as text. Over the deploy's own transport (ssh2 or a local child).
import "server-only";
import { execFile } from "node:child_process";
import { childProcessEnv } from "@/lib/config/load";
import { PACKAGE_LINE_PREFIX, PACKAGES_NONE_PREFIX, PACKAGES_PREFIX, STORE_PATH_PATTERN } from "./activation-preview";
import type { DeployTarget } from "./config";
import { shellCommandLine } from "./shell-quote";
import { withSshConnection } from "./ssh-connection";

const TIMEOUT_MS = 60_000;
/** At most this many lines go into the log (a nixpkgs bump changes hundreds of packages). */
export const PACKAGE_LINES_LIMIT = 200;

const SCRIPT = [
  'new="$1"; cur=/run/current-system',
  'if command -v nvd >/dev/null 2>&1; then echo "tool: nvd diff"; exec nvd diff "$cur" "$new" 2>&1; fi',
  // `nix store` is behind nix-command, which a NixOS system need not enable (nixos-rebuild --flake enables it per call, as here).
  'nix_cmd() { nix --extra-experimental-features nix-command "$@"; }',
  'if nix_cmd store diff-closures --help >/dev/null 2>&1; then echo "tool: nix store diff-closures"; nix_cmd store diff-closures "$cur" "$new" 2>&1; exit; fi',
  'echo "tool: none"',
].join("\n");

export type PackageChanges =
  | { tool: "nvd diff" | "nix store diff-closures"; ok: boolean; lines: string[]; truncated: boolean }
  | { tool: null; reason: string };

export function packageDiffArgv(outPath: string): string[] {
  if (!STORE_PATH_PATTERN.test(outPath)) throw new Error(`not a store path: ${outPath}`);
  return ["sh", "-c", SCRIPT, "homey-admin-package-diff", outPath];
}

/** Reads the script's answer: its first line names the tool, the rest is the tool's output. */
export function parsePackageDiffOutput(code: number | null, output: string): PackageChanges {
  const lines = output.replace(/\r/g, "").split("\n");
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const first = lines.shift() ?? "";
  if (first === "tool: none") return { tool: null, reason: "neither nvd nor nix store diff-closures is on the target" };
  if (first !== "tool: nvd diff" && first !== "tool: nix store diff-closures") {
    return { tool: null, reason: `the package comparison did not run: ${[first, ...lines].join(" ").slice(0, 300) || `exit ${code}`}` };
  }
  return { tool: first.slice("tool: ".length) as "nvd diff" | "nix store diff-closures", ok: code === 0, lines: lines.slice(0, PACKAGE_LINES_LIMIT), truncated: lines.length > PACKAGE_LINES_LIMIT };
}

export async function readPackageChanges(target: DeployTarget, outPath: string, options: { env?: NodeJS.ProcessEnv } = {}): Promise<PackageChanges> {
  const argv = packageDiffArgv(outPath);
  try {
    if (target.transport === "local") {
      const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
        execFile(/*turbopackIgnore: true*/ argv[0], argv.slice(1), { env: options.env ?? childProcessEnv(), timeout: TIMEOUT_MS, maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, output: `${stdout}${stderr}` });
        });
      });
      return parsePackageDiffOutput(code, output);
    }
    const { exit, output } = await withSshConnection(target, { readyTimeoutMs: 10_000 }, (connection) => connection.exec(shellCommandLine(argv)));
    return parsePackageDiffOutput(exit.kind === "exited" ? exit.code : null, output);
  } catch (error) {
    return { tool: null, reason: `could not ask the target: ${(error as Error).message}` };
  }
}

/** The log lines a preview gets (activation-preview.ts reads them back). */
export function packageChangeLines(changes: PackageChanges): string[] {
  if (changes.tool === null) return [`${PACKAGES_NONE_PREFIX}${changes.reason}`];
  const head = `${PACKAGES_PREFIX}${changes.tool}${changes.ok ? ":" : " (failed):"}`;
  return [head, ...changes.lines.map((l) => `${PACKAGE_LINE_PREFIX}${l}`), ...(changes.truncated ? [`${PACKAGE_LINE_PREFIX}… (more lines not shown)`] : [])];
}

