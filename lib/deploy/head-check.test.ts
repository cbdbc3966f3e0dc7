import { describe, expect, it } from "vitest";
import { commitExists } from "@/lib/repo/commit-exists";
import { createRepoRig, git } from "@/lib/repo/test-rig";
import { deployHeadProblem } from "./head-check";

const head = { sha: "a".repeat(40), shortSha: "aaaaaaa", subject: "Enable grafana" };

describe("deployHeadProblem", () => {
  it("is null for HEAD itself", () => {
    expect(deployHeadProblem(head, head.sha, true)).toBeNull();
  });

  it("says HEAD moved only when the sent commit is a real, older commit", () => {
    expect(deployHeadProblem(head, "b".repeat(40), true)).toMatch(/^HEAD moved to aaaaaaa \(“Enable grafana”\) since this page was loaded/);
  });

  it("names an unknown commit as unknown, not as HEAD having moved", () => {
    const message = deployHeadProblem(head, "abc123".padEnd(40, "0"), false)!;
    expect(message).toMatch(/^Unknown commit abc123000000: it is not in the homey repo/);
    expect(message).toContain("HEAD is aaaaaaa (“Enable grafana”)");
    expect(message).not.toMatch(/moved/);
  });

  it("says a malformed value is not a commit, shown short and printable", () => {
    const message = deployHeadProblem(head, "abc123\u0000<script>alert(1)</script>", false)!;
    expect(message).toMatch(/^“abc123\?<scri…” is not a commit: the form must send HEAD's full 40-character SHA/);
    expect(deployHeadProblem(head, "", false)).toMatch(/^“” is not a commit/);
  });
});

describe("commitExists (real git)", () => {
  it("knows the repo's commits and nothing else", async () => {
    const rig = await createRepoRig();
    try {
      const sha = git(rig.clone, "rev-parse", "HEAD").trim();
      const tree = git(rig.clone, "rev-parse", "HEAD^{tree}").trim();
      expect(await commitExists(sha, rig.settings)).toBe(true);
      expect(await commitExists("0".repeat(40), rig.settings)).toBe(false);
      expect(await commitExists(tree, rig.settings)).toBe(false); // an object, but not a commit
      expect(await commitExists(sha.slice(0, 12), rig.settings)).toBe(false); // abbreviations are not accepted
    } finally {
      await rig.cleanup();
    }
  });
});
