// scripts/build-hash.mjs on a temp copy of a checkout (real git, real files): the demo
// rebuilds exactly when a source, the lockfile or the build's outputs changed.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SCRIPT = path.join(__dirname, "build-hash.mjs");
let root: string;

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** The CLI as demo.sh runs it, from the copy's own scripts/ folder. */
function cli(...args: string[]) {
  return spawnSync(process.execPath, ["scripts/build-hash.mjs", ...args], { cwd: root, encoding: "utf8", env: { ...process.env, HOMEY_NEXT_DIST_DIR: "" } });
}
const isCurrent = () => cli("--check").status === 0;
/** What demo.sh does after `npm run build`: outputs exist, the hash is recorded. */
function build() {
  const hash = cli().stdout.trim();
  write(".next/BUILD_ID", "x");
  write("dist/server.js", "// built");
  expect(cli("--write", hash).status).toBe(0);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "homey-build-hash-"));
  write("scripts/build-hash.mjs", fs.readFileSync(SCRIPT, "utf8"));
  write(".gitignore", ".next/\n/dist/\n/data/\n");
  write("app/page.tsx", "export default function Page() { return null; }\n");
  write("package-lock.json", '{ "lockfileVersion": 3 }\n');
  execFileSync("git", ["init", "--quiet"], { cwd: root });
  execFileSync("git", ["add", "--all"], { cwd: root });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe("build-hash", () => {
  it("asks for a build first, then not again until something that goes into the build changes", () => {
    expect(isCurrent()).toBe(false);
    build();
    expect(fs.readFileSync(path.join(root, ".next/homey-build-hash"), "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    expect(isCurrent()).toBe(true);

    // Ignored files (the database, the build itself) do not count.
    write("data/homey-admin.db", "rows");
    write(".next/cache/x", "y");
    expect(isCurrent()).toBe(true);

    write("app/page.tsx", "export default function Page() { return 1; }\n");
    expect(isCurrent()).toBe(false);
    build();
    expect(isCurrent()).toBe(true);

    write("package-lock.json", '{ "lockfileVersion": 3, "packages": {} }\n');
    expect(isCurrent()).toBe(false);
    build();

    // A new file not yet added to git is a source too.
    write("lib/new-module.ts", "export const x = 1;\n");
    expect(isCurrent()).toBe(false);
    build();

    fs.rmSync(path.join(root, "app/page.tsx"));
    expect(isCurrent()).toBe(false);
  });

  it("rebuilds when the build's outputs are gone, whatever the hash says", () => {
    build();
    fs.rmSync(path.join(root, "dist/server.js"));
    expect(isCurrent()).toBe(false);
  });

  it("always builds outside a git checkout", () => {
    fs.rmSync(path.join(root, ".git"), { recursive: true });
    build();
    expect(cli().stdout.trim()).toBe("");
    expect(isCurrent()).toBe(false);
  });
});
