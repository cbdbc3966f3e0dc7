// Debian's nix-instantiate for the flake's tests: parse a file, or evaluate an expression
// purely (no store, no daemon, no nixpkgs) to JSON. Argument arrays only, never a shell.
import { spawnSync } from "node:child_process";
import path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

const STORELESS = ["--store", "dummy://"];

function nixInstantiate(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.env.HOMEY_NIX_INSTANTIATE ?? "nix-instantiate", [...STORELESS, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`nix-instantiate could not run (install Debian's nix-bin): ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Evaluates `expr` (relative paths resolve from the repo root) strictly and parses its JSON. */
export function evalNixJson(expr: string): unknown {
  // Partial JSON is printed before an error, so the exit code decides, not the output.
  const result = nixInstantiate(["--eval", "--strict", "--json", "-E", expr]);
  if (result.status !== 0) throw new Error(`nix evaluation failed:\n${result.stderr.trim()}`);
  return JSON.parse(result.stdout);
}

/** The evaluation error of `expr` (throws if it evaluates). */
export function evalNixError(expr: string): string {
  const result = nixInstantiate(["--eval", "--strict", "--json", "-E", expr]);
  if (result.status === 0) throw new Error(`expected the evaluation to fail, it gave ${result.stdout}`);
  return result.stderr;
}

/** `null` when the file parses, else nix-instantiate's message (with file:line:column). */
export function parseNixFile(file: string): string | null {
  const result = nixInstantiate(["--parse", file]);
  return result.status === 0 ? null : result.stderr.trim();
}

/** A Nix string literal for a JS string (for building test expressions). */
export function nixString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, "\\${");
}
