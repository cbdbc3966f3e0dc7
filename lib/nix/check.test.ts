import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evalGenerated, evaluatorPath, nixAvailable, parseCheck, parseCheckCached, withGeneratedDir } from "./check";
import { nixEvalJson } from "./test-fixtures";

const savedBinary = process.env.HOMEY_NIX_INSTANTIATE;
afterEach(() => {
  if (savedBinary === undefined) delete process.env.HOMEY_NIX_INSTANTIATE;
  else process.env.HOMEY_NIX_INSTANTIATE = savedBinary;
});

describe("parseCheck", () => {
  it("accepts valid files", async () => {
    expect(await parseCheck({ "a.nix": "{ domain, ... }: { x = \"${domain}\"; }", "b.nix": "{ imports = [ ./a.nix ]; }" })).toEqual({
      ok: true,
    });
  });

  it("reports a syntax error with file, line and column", async () => {
    const result = await parseCheck({ "good.nix": "{ }", "vhosts.nix": "{ domain, ... }:\n{\n  a = 1\n}\n" });
    expect(result).toEqual({
      ok: false,
      errors: [{ file: "vhosts.nix", line: 4, column: 1, message: "syntax error, unexpected '}', expecting ';'" }],
    });
  });

  it("reports undefined variables and duplicate attributes", async () => {
    const result = await parseCheck({ "a.nix": "{ ... }:\n{ x = domain; }", "b.nix": "{ a = 1; a = 2; }" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { file: "a.nix", line: 2, column: 7, message: "undefined variable 'domain'" },
      expect.objectContaining({ file: "b.nix", line: 1, column: 10, message: expect.stringMatching(/attribute 'a' already defined/) }),
    ]);
  });

  it("answers the same files from memory, and new content afresh (parseCheckCached)", async () => {
    const good = { "a.nix": "{ x = 1; }" };
    const first = parseCheckCached(good);
    expect(parseCheckCached({ ...good })).toBe(first); // same bytes: the same answer, no second process
    expect(await first).toEqual({ ok: true });
    const bad = await parseCheckCached({ "a.nix": "{ x = 1 }" });
    expect(bad.ok).toBe(false);
  });

  it("is skipped when Nix is absent", async () => {
    process.env.HOMEY_NIX_INSTANTIATE = "/nonexistent/nix-instantiate";
    expect(await nixAvailable()).toBe(false);
    expect(await parseCheck({ "a.nix": "{" })).toEqual({ ok: true, skipped: true });
  });
});

describe("eval-modules.nix", () => {
  it("follows imports, merges attrsets recursively and concatenates lists", async () => {
    const files = {
      "default.nix": "{ ... }: { imports = [ ./a.nix ./sub ]; top = [ 0 ]; }",
      "a.nix": '{ domain, config, lib, pkgs, ... }: { homey.x.a = "a.${domain}"; top = [ 1 ]; same = 1; }',
      "sub/default.nix": "{ domain, ... }: { imports = [ ./b.nix ]; }",
      "sub/b.nix": "{ homey.x.b = true; top = [ 2 ]; same = 1; }",
    };
    const config = await withGeneratedDir(files, (dir) => evalGenerated(dir, "example.org"));
    expect(config).toEqual({ homey: { x: { a: "a.example.org", b: true } }, top: [0, 1, 2], same: 1 });
  });

  it("fails on conflicting definitions, naming the attribute", async () => {
    const files = { "default.nix": "{ imports = [ ./a.nix ]; homey.port = 1; }", "a.nix": "{ homey.port = 2; }" };
    const failure = withGeneratedDir(files, (dir) => evalGenerated(dir, "example.org"));
    await expect(failure).rejects.toMatchObject({ code: "NIX_EVAL_FAILED", message: expect.stringMatching(/homey\.port/) });
  });

  it("is usable straight from Nix (as the deploy test rig does)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "homey-eval-"));
    try {
      fs.writeFileSync(path.join(dir, "default.nix"), '{ domain, ... }: { homey.host = "x.${domain}"; }');
      const expression = `(import ${evaluatorPath()} { modules = [ ${dir} ]; domain = "example.org"; }).homey`;
      expect(nixEvalJson(expression)).toEqual({ host: "x.example.org" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports NIX_UNAVAILABLE when Nix is absent", async () => {
    process.env.HOMEY_NIX_INSTANTIATE = "/nonexistent/nix-instantiate";
    await expect(evalGenerated("/tmp", "example.org")).rejects.toMatchObject({ code: "NIX_UNAVAILABLE" });
  });
});
