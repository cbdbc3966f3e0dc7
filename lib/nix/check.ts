// Runs Debian's / NixOS' nix-instantiate on rendered files: a syntax check before a commit,
// and a pure evaluation of a generated/ folder (through eval-modules.nix, no nixpkgs).
// Always spawned with argument arrays, never through a shell.
import "server-only";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { nixEvaluator as evaluatorPath, nixInstantiate } from "@/lib/config/env";
import { NixError } from "./errors";

export interface NixParseError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type ParseCheckResult = { ok: true; skipped?: true } | { ok: false; errors: NixParseError[] };

/** The evaluator shipped with the app (lib/config: HOMEY_NIX_EVALUATOR overrides it). */
export { evaluatorPath };

// `dummy://` needs no store, daemon or state directory: parse and pure eval only.
const STORELESS = ["--store", "dummy://"];

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], stdin?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(nixInstantiate(), args, { stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    // A child that exits early (or never started) makes stdin fail with EPIPE; the exit code
    // or the spawn error above is what reports the failure.
    child.stdin.on("error", () => {});
    child.on("close", (code) =>
      resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }),
    );
    child.stdin.end(stdin ?? "");
  });
}

// Cached per binary: the answer does not change while the app runs.
const availability = new Map<string, Promise<boolean>>();

export function nixAvailable(): Promise<boolean> {
  const binary = nixInstantiate();
  let answer = availability.get(binary);
  if (!answer) {
    answer = run(["--version"]).then(
      (result) => result.code === 0,
      () => false, // ENOENT: not on PATH
    );
    availability.set(binary, answer);
  }
  return answer;
}

/**
 * `nix-instantiate --parse` on every file (which also catches undefined variables and
 * duplicate attributes). Files are written to a private temp dir so that relative imports
 * such as `./services.nix` resolve as they will in the repo. One process parses them all;
 * Nix stops at the first bad file, so only then is each file parsed on its own, to report
 * every error at once.
 */
export async function parseCheck(files: Readonly<Record<string, string>>): Promise<ParseCheckResult> {
  if (!(await nixAvailable())) return { ok: true, skipped: true };
  const names = Object.keys(files);
  if (names.length === 0) return { ok: true };
  return withTempDir(async (dir) => {
    await writeFiles(dir, files);
    const all = await run([...STORELESS, "--parse", "--log-format", "internal-json", ...names.map((file) => path.join(dir, file))]);
    if (all.code === 0) return { ok: true };
    const results = await Promise.all(names.map((file) => parseOne(dir, file)));
    const errors = results.flat();
    if (errors.length > 0) return { ok: false, errors };
    // Each file parses alone but not together: report what Nix said, never "ok".
    return { ok: false, errors: [{ file: names[0], line: 0, column: 0, message: stripAnsi(all.stderr).trim() || `nix-instantiate exited with ${all.code}` }] };
  });
}

async function parseOne(dir: string, file: string): Promise<NixParseError[]> {
  const result = await run([...STORELESS, "--parse", "--log-format", "internal-json", path.join(dir, file)]);
  if (result.code === 0) return [];
  const errors = nixMessages(result.stderr).map((msg) => ({
    file,
    line: msg.line ?? 0,
    column: msg.column ?? 0,
    message: stripAnsi(msg.raw_msg ?? msg.msg ?? "").trim(),
  }));
  return errors.length > 0 ? errors : [{ file, line: 0, column: 0, message: stripAnsi(result.stderr).trim() }];
}

// The pages check the same rendered text on every view: the answer depends only on the bytes
// (and the binary), so it is kept per content hash. Apply always runs the check itself.
const globalForParse = globalThis as unknown as { homeyParseChecks?: Map<string, Promise<ParseCheckResult>> };
const PARSE_CACHE_LIMIT = 16;

/** parseCheck, answered from memory when these exact files were checked before. */
export function parseCheckCached(files: Readonly<Record<string, string>>): Promise<ParseCheckResult> {
  const cache = (globalForParse.homeyParseChecks ??= new Map());
  const hash = createHash("sha256").update(nixInstantiate()).update("\0");
  for (const name of Object.keys(files).sort()) hash.update(name).update("\0").update(files[name]).update("\0");
  const key = hash.digest("hex");
  let answer = cache.get(key);
  if (!answer) {
    answer = parseCheck(files);
    cache.set(key, answer);
    answer.catch(() => cache.delete(key));
    while (cache.size > PARSE_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }
  return answer;
}

interface NixLogMessage {
  action: string;
  level?: number;
  line?: number;
  column?: number;
  msg?: string;
  raw_msg?: string;
}

/** Error-level `@nix {"action":"msg",...}` lines of --log-format internal-json. */
function nixMessages(stderr: string): NixLogMessage[] {
  return stderr
    .split("\n")
    .filter((line) => line.startsWith("@nix "))
    .map((line) => JSON.parse(line.slice(5)) as NixLogMessage)
    .filter((msg) => msg.action === "msg" && msg.level === 0);
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- the ESC of Nix's colour codes is what is removed
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/**
 * Evaluates a generated/ folder with eval-modules.nix and returns the merged configuration
 * (e.g. `{ homey: { services: ..., caddy: ... } }`) as plain JSON data.
 */
export async function evalGenerated(dir: string, domain: string): Promise<unknown> {
  const [config] = await evalGeneratedDirs([dir], domain);
  return config;
}

/** Same, for many folders in one nix-instantiate call (start-up dominates the cost). */
export async function evalGeneratedDirs(dirs: readonly string[], domain: string): Promise<unknown[]> {
  if (!(await nixAvailable())) {
    throw new NixError("NIX_UNAVAILABLE", `${nixInstantiate()} is not on PATH: cannot evaluate Nix here.`);
  }
  // Folders travel as JSON data (not Nix source), so any path spelling is safe.
  const expression = `{ evaluator, dirsJson, domain }:
    map (dir: import evaluator { modules = [ dir ]; inherit domain; }) (builtins.fromJSON dirsJson)`;
  const result = await run([
    ...STORELESS,
    "--eval",
    "--strict",
    "--json",
    "--argstr", "evaluator", evaluatorPath(),
    "--argstr", "dirsJson", JSON.stringify(dirs.map((dir) => path.resolve(dir))),
    "--argstr", "domain", domain,
    "-E", expression,
  ]);
  // On failure Nix may already have printed partial JSON: only the exit code counts.
  if (result.code !== 0) {
    throw new NixError("NIX_EVAL_FAILED", `Nix evaluation failed: ${stripAnsi(result.stderr).trim()}`);
  }
  return JSON.parse(result.stdout) as unknown[];
}

async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  const targets = Object.entries(files).map(([file, text]) => {
    const target = path.join(dir, file);
    if (!target.startsWith(dir + path.sep)) throw new NixError("RENDER_INVALID", `Unsafe file name: ${file}`);
    return { target, text };
  });
  await Promise.all(
    targets.map(async ({ target, text }) => {
      if (path.dirname(target) !== dir) await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, text);
    }),
  );
}

/** Writes files to a fresh temp folder, for callers that evaluate rendered output. */
export async function withGeneratedDir<T>(
  files: Readonly<Record<string, string>>,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    await writeFiles(dir, files);
    return use(dir);
  });
}

async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "homey-nix-"));
  try {
    return await use(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
