// The batched repo reads against real git: one status for HEAD + branch + changes, two
// processes for a folder at a commit, and the per-commit cache.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedByCommit, commitKey } from "./commit-cache";
import { openGit } from "./git";
import { readFilesAtRev } from "./read-files";
import { worktreeStatus } from "./status";
import { git } from "./test-rig";

let root: string;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), "homey-repo-reads-"));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

async function repoWith(name: string, files: Record<string, string>): Promise<string> {
  const repo = path.join(root, name);
  await fs.mkdir(repo);
  git(repo, "init", "--quiet", "--initial-branch=main");
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await fs.writeFile(path.join(repo, file), text);
  }
  return repo;
}

describe("worktreeStatus", () => {
  it("reads without writing the index, so a commit at the same moment finds no index.lock", async () => {
    const repo = await repoWith("no-lock", { "a.nix": "1" });
    git(repo, "add", "--all");
    git(repo, "commit", "--quiet", "-m", "one");
    // A file touched after the index was written: a plain `git status` refreshes (rewrites) the index.
    const later = new Date(Date.now() + 5_000);
    await fs.utimes(path.join(repo, "a.nix"), later, later);
    const index = path.join(repo, ".git", "index");
    const before = (await fs.stat(index)).mtimeMs;
    await worktreeStatus(openGit(repo));
    expect((await fs.stat(index)).mtimeMs).toBe(before);
    // The control: git without the app's environment does rewrite it.
    git(repo, "status", "--porcelain");
    expect((await fs.stat(index)).mtimeMs).not.toBe(before);
  });

  it("reads no HEAD on a branch without commits, and untracked files", async () => {
    const repo = await repoWith("initial", { "a b.nix": "x" });
    expect(await worktreeStatus(openGit(repo))).toEqual({ head: null, branch: "main", changes: [{ path: "a b.nix", code: "??" }] });
  });

  it("reads HEAD, the branch and every kind of change in porcelain v1 codes", async () => {
    const repo = await repoWith("changes", { "keep.nix": "1", "edit me.nix": "1", "gone.nix": "1", "old name.nix": "same text\n".repeat(20) });
    git(repo, "add", "--all");
    git(repo, "commit", "--quiet", "-m", "one");
    const head = git(repo, "rev-parse", "HEAD").trim();
    await fs.writeFile(path.join(repo, "edit me.nix"), "2");
    await fs.rm(path.join(repo, "gone.nix"));
    git(repo, "mv", "old name.nix", "new name.nix");
    await fs.mkdir(path.join(repo, "sub"));
    await fs.writeFile(path.join(repo, "sub", "new.nix"), "n");
    await fs.writeFile(path.join(repo, "keep.nix"), "staged");
    git(repo, "add", "keep.nix");

    const status = await worktreeStatus(openGit(repo));
    expect(status.head).toBe(head);
    expect(status.branch).toBe("main");
    expect(status.changes.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: "edit me.nix", code: " M" },
      { path: "gone.nix", code: " D" },
      { path: "keep.nix", code: "M " },
      { path: "new name.nix", code: "R " },
      { path: "old name.nix", code: "R " },
      { path: "sub/new.nix", code: "??" },
    ]);

    git(repo, "checkout", "--quiet", "--detach");
    expect((await worktreeStatus(openGit(repo))).branch).toBeNull();
  });
});

describe("readFilesAtRev", () => {
  it("reads every file of a folder at a commit byte for byte, nested, empty and UTF-8 ones too", async () => {
    const files = { "a.nix": "{ }\n", "empty.nix": "", "sub/ü.nix": '"grüße ${"\u2603"}"\n', "big.nix": "x".repeat(200_000) };
    const repo = await repoWith("files", { ...Object.fromEntries(Object.entries(files).map(([n, t]) => [`generated/${n}`, t])), "other/x.nix": "no" });
    git(repo, "add", "--all");
    git(repo, "commit", "--quiet", "-m", "one");
    const sha = git(repo, "rev-parse", "HEAD").trim();
    const handle = openGit(repo);
    expect(await readFilesAtRev(handle, sha, "generated")).toEqual(files);
    expect(await readFilesAtRev(handle, "HEAD", "generated")).toEqual(files);
    expect(await readFilesAtRev(handle, sha, "missing")).toEqual({});
    // Cached by SHA: a caller changing its copy does not change the next answer.
    const copy = await readFilesAtRev(handle, sha, "generated");
    copy["a.nix"] = "changed";
    expect((await readFilesAtRev(handle, sha, "generated"))["a.nix"]).toBe("{ }\n");
  });
});

describe("cachedByCommit", () => {
  it("computes once per key, and forgets failures and answers it is told not to keep", async () => {
    let calls = 0;
    const key = commitKey("test", "a".repeat(40), "x");
    const compute = async () => ++calls;
    expect(await cachedByCommit(key, compute)).toBe(1);
    expect(await cachedByCommit(key, compute)).toBe(1);

    const failing = commitKey("test", "b".repeat(40));
    await expect(cachedByCommit(failing, async () => Promise.reject(new Error("not fetched")))).rejects.toThrow("not fetched");
    expect(await cachedByCommit(failing, compute)).toBe(2);

    const unavailable = commitKey("test", "c".repeat(40));
    expect(await cachedByCommit(unavailable, async () => "unavailable", (v) => v !== "unavailable")).toBe("unavailable");
    await new Promise((r) => setImmediate(r));
    expect(await cachedByCommit(unavailable, async () => "ok")).toBe("ok");
  });

  it("keeps at most 256 answers, dropping the least recently used", async () => {
    const first = commitKey("lru", "0");
    await cachedByCommit(first, async () => "first");
    for (let i = 1; i <= 255; i++) await cachedByCommit(commitKey("lru", String(i)), async () => i);
    await cachedByCommit(first, async () => "recomputed"); // used again: now the most recent
    for (let i = 256; i <= 455; i++) await cachedByCommit(commitKey("lru", String(i)), async () => i);
    expect(await cachedByCommit(first, async () => "recomputed")).toBe("first");
    expect(await cachedByCommit(commitKey("lru", "300"), async () => "recomputed")).toBe(300);
    expect(await cachedByCommit(commitKey("lru", "1"), async () => "recomputed")).toBe("recomputed");
  });
});
