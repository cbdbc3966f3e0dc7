import { describe, expect, it } from "vitest";
import { parseConfigurationRevision } from "./running-revision-parse";
import { deriveWhere, type WhereInput } from "./where";

const A = "a".repeat(40);
const B = "b".repeat(40);
const base: WhereInput = {
  pendingFiles: 0,
  head: { sha: A },
  running: { kind: "commit", sha: A },
  deployedByApp: new Set([A]),
  targetName: "pi-main",
};

describe("deriveWhere", () => {
  it("pending files first: N changes not committed → Review", () => {
    const s = deriveWhere({ ...base, pendingFiles: 3 });
    expect(s).toMatchObject({ kind: "uncommitted", headline: "3 changes not committed", action: { label: "Review", href: "/changes" }, note: null });
    expect(deriveWhere({ ...base, pendingFiles: 1 }).headline).toBe("1 change not committed");
  });

  it("pending files while the target runs a hand deploy: the hand deploy is the note", () => {
    const s = deriveWhere({ ...base, pendingFiles: 2, running: { kind: "commit", sha: B } });
    expect(s.kind).toBe("uncommitted");
    expect(s.note).toBe(`pi-main runs bbbbbbb, which homey-admin did not deploy (deployed by hand?)`);
  });

  it("HEAD runs: in sync, nothing to do", () => {
    expect(deriveWhere(base)).toMatchObject({ kind: "in_sync", headline: "in sync: aaaaaaa runs on pi-main", action: null, tone: "ok" });
  });

  it("HEAD is a revert commit back to what runs (same tree): in sync, no Deploy offered", () => {
    const s = deriveWhere({ ...base, head: { sha: A }, running: { kind: "commit", sha: B }, deployedByApp: new Set([B]), runningSameAsHead: true });
    expect(s).toMatchObject({ kind: "in_sync", headline: "in sync: pi-main runs bbbbbbb, the same configuration as aaaaaaa", action: null, tone: "ok" });
    expect(deriveWhere({ ...base, head: { sha: A }, running: { kind: "commit", sha: B }, deployedByApp: new Set([B]), runningSameAsHead: false }).kind).toBe("not_deployed");
  });

  it("the target runs an older homey-admin deploy: committed, not deployed → Deploy", () => {
    const s = deriveWhere({ ...base, head: { sha: A }, running: { kind: "commit", sha: B }, deployedByApp: new Set([B]) });
    expect(s).toMatchObject({ kind: "not_deployed", headline: "commit aaaaaaa committed, not deployed", action: { label: "Deploy aaaaaaa", href: "/deploys" } });
    expect(s.note).toBe("pi-main runs bbbbbbb");
  });

  it("HEAD itself deployed by hand (committed and switched from a terminal): named as a hand deploy, no Deploy offered", () => {
    const s = deriveWhere({ ...base, deployedByApp: new Set([B]) });
    expect(s).toMatchObject({ kind: "foreign", headline: "pi-main runs aaaaaaa, which homey-admin did not deploy (deployed by hand?)", action: null, tone: "warn" });
    expect(s.note).toBe("aaaaaaa is HEAD: the target runs what the repo holds.");
    expect(s.runningSha).toBe(A);
    // With draft changes pending, the hand deploy of HEAD is the note under "N changes not committed".
    expect(deriveWhere({ ...base, pendingFiles: 1, deployedByApp: new Set() }).note).toBe("pi-main runs aaaaaaa, which homey-admin did not deploy (deployed by hand?)");
  });

  it("the target runs a commit homey-admin never deployed: deployed by hand", () => {
    const s = deriveWhere({ ...base, running: { kind: "commit", sha: B } });
    expect(s).toMatchObject({ kind: "foreign", headline: "pi-main runs bbbbbbb, which homey-admin did not deploy (deployed by hand?)", tone: "warn" });
    expect(s.runningSha).toBe(B);
  });

  it("a dirty build on the target is not a homey-admin deploy", () => {
    expect(deriveWhere({ ...base, running: { kind: "dirty" } }).kind).toBe("dirty");
  });

  it("the target cannot say: unknown, with its reason and the app's belief", () => {
    const s = deriveWhere({ ...base, running: { kind: "unreachable", reason: "could not ask ssh x@y:22 what runs there: unreachable" } });
    expect(s.kind).toBe("unknown_running");
    expect(s.headline).toBe("commit aaaaaaa committed; what runs on pi-main is unknown");
    expect(s.note).toBe("could not ask ssh x@y:22 what runs there: unreachable. homey-admin deployed aaaaaaa earlier.");
  });

  it("no commit, or the draft not comparable", () => {
    expect(deriveWhere({ ...base, head: null }).kind).toBe("no_commit");
    expect(deriveWhere({ ...base, pendingFiles: null }).kind).toBe("unavailable");
  });
});

describe("parseConfigurationRevision", () => {
  it("reads a SHA, dirty, and NixOS's unknown-revision message", () => {
    expect(parseConfigurationRevision(0, `${A}\n`)).toEqual({ kind: "commit", sha: A });
    expect(parseConfigurationRevision(0, "dirty\r\n")).toEqual({ kind: "dirty" });
    const unset = parseConfigurationRevision(1, "/run/current-system/sw/bin/nixos-version: Configuration revision is unknown.\n");
    expect(unset.kind).toBe("unknown");
    expect(unset.kind === "unknown" && unset.reason).toMatch(/system\.configurationRevision = self\.rev or "dirty"/);
    expect(parseConfigurationRevision(127, "sh: nixos-version: not found")).toMatchObject({ kind: "unknown", reason: expect.stringMatching(/no nixos-version/) });
    expect(parseConfigurationRevision(0, "garbage")).toMatchObject({ kind: "unknown" });
  });
});
