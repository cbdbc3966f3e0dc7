import { adminAs } from "@/lib/testing/admin-context";
import { createTestDatabase } from "@/lib/testing/test-db";
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitAuthor } from "./commit-author";
import { ensureDemoRepo } from "./demo-repo";
import { flakeReferencesGenerated } from "./flake-notice";
import { getLastCommit } from "./last-commit";
import { withRepoLock } from "./lock";
import { git } from "./test-rig";

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "homey-repo-basics-"));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe("ensureDemoRepo", () => {
  it("creates a homey flake with one commit by the demo author, once", async () => {
    const repo = path.join(root, "demo");
    expect(await ensureDemoRepo(repo, { domain: "demo.example" })).toEqual({ created: true });
    expect(await ensureDemoRepo(repo, { domain: "demo.example" })).toEqual({ created: false });
    expect(git(repo, "log", "--format=%an|%s|%(trailers:key=Homey-Admin,valueonly)")).toBe(
      "homey-admin demo|homey: demo flake for homey-admin|init\n\n",
    );
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(await flakeReferencesGenerated(repo)).toBe(true);
    const flake = await fs.readFile(path.join(repo, "flake.nix"), "utf8");
    expect(flake).toContain('domain = "demo.example";');
    // Every file is valid Nix, and the modules declare the options the templates set.
    const files = git(repo, "ls-files", "*.nix").trim().split("\n");
    for (const file of files) execFileSync("nix-instantiate", ["--store", "dummy://", "--parse", path.join(repo, file)], { stdio: "pipe" });
    const modules = (await Promise.all(files.map((f) => fs.readFile(path.join(repo, f), "utf8")))).join("\n");
    for (const option of [
      "options.homey.services",
      "options.homey.caddy.virtualHosts",
      "options.homey.monitoring.monitors",
      "accessControlRules = mkOption",
      "extraPaths = mkOption",
      "exclude = mkOption",
    ]) {
      expect(modules).toContain(option);
    }
    const { db, cleanup } = await createTestDatabase();
    const last = await getLastCommit(adminAs(db), { path: repo, branch: "main", generatedDir: "generated", domain: "demo.example" });
    await cleanup();
    expect(last).toMatchObject({ authorName: "homey-admin demo", subject: "homey: demo flake for homey-admin", byApp: true });
  });

  it("refuses to write into a folder that has files but no repo", async () => {
    const dir = path.join(root, "occupied");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "precious.txt"), "x");
    await expect(ensureDemoRepo(dir)).rejects.toThrow(/not a git repository/);
  });
});

describe("flakeReferencesGenerated", () => {
  async function flake(text: string) {
    const dir = await fs.mkdtemp(path.join(root, "flake-"));
    await fs.writeFile(path.join(dir, "flake.nix"), text);
    return flakeReferencesGenerated(dir);
  }

  it("finds ./generated in a modules list", async () => {
    expect(await flake("{ modules = [ ./modules/caddy.nix ./generated ]; }")).toBe(true);
    expect(await flake("{ modules = [\n  ./generated/default.nix\n]; }")).toBe(true);
  });

  it("ignores comments, other folders and a missing flake", async () => {
    expect(await flake("{ modules = [ ./modules ]; # ./generated\n }")).toBe(false);
    expect(await flake("{ /* ./generated */ modules = [ ./generated-old ]; }")).toBe(false);
    expect(await flakeReferencesGenerated(path.join(root, "nowhere"))).toBe(false);
  });
});

describe("commitAuthor", () => {
  it("uses Remote-Name and Remote-Email", () => {
    expect(commitAuthor({ user: "anna", name: "Anna Admin", email: "anna@example.org" }, "example.org")).toBe("Anna Admin <anna@example.org>");
  });

  it("falls back to the user and user@domain, and strips ident-breaking characters", () => {
    expect(commitAuthor({ user: "bob", name: "", email: "" }, "zakobar.com")).toBe("bob <bob@zakobar.com>");
    expect(commitAuthor({ user: "eve", name: "Eve <root@x>", email: "not an email" }, "zakobar.com")).toBe("Eve root@x <eve@zakobar.com>");
  });
});

describe("withRepoLock", () => {
  it("runs tasks for one repo one after another, even when one fails", async () => {
    const order: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      order.push(`${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      withRepoLock("/tmp/lock-test", task("a", 30, true)),
      withRepoLock("/tmp/lock-test", task("b", 10)),
      withRepoLock("/tmp/other-repo", task("c", 5)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(order.indexOf("b start")).toBeGreaterThan(order.indexOf("a end"));
    expect(order.indexOf("c start")).toBeLessThan(order.indexOf("a end"));
  });
});
