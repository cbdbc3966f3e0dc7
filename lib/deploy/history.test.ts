// The UI's deploy queries: pure rules (previous generation, behind HEAD) on their own, and
// against a real runner + stand-in that the final progress is stored and read back.
import { adminAs } from "@/lib/testing/admin-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFiles } from "@/scripts/test-rig/homey-repo";
import {
  getDeploy,
  getDeployOutcome,
  isBehind,
  lastDeploySummary,
  listDeploys,
  parseDeployId,
  parseStoredProgress,
  previousGeneration,
  readLogPage,
} from "./history";
import { type DeployHarness, startDeployHarness } from "./testing/deploy-harness";

const sha = (c: string) => c.repeat(40);

describe("previousGeneration", () => {
  it("is the generation before the current one, following switch, boot and rollback", () => {
    const d = (id: number, action: string, c: string, status = "succeeded") => ({ id, action, commitSha: c ? sha(c) : "", status });
    expect(previousGeneration([])).toBeNull();
    expect(previousGeneration([d(1, "switch", "a")])).toBeNull();
    expect(previousGeneration([d(1, "switch", "a"), d(2, "switch", "b")])).toEqual({ commitSha: sha("a"), deployId: 1 });
    // test and build make no generation; failed deploys count for nothing.
    expect(previousGeneration([d(1, "switch", "a"), d(2, "test", "c"), d(3, "build", "d"), d(4, "switch", "e", "failed"), d(5, "boot", "b")])).toEqual({
      commitSha: sha("a"),
      deployId: 1,
    });
    // After a rollback the current generation is "a"; nothing older is known.
    expect(previousGeneration([d(1, "switch", "a"), d(2, "switch", "b"), d(3, "rollback", "a")])).toBeNull();
    expect(previousGeneration([d(1, "switch", "a"), d(2, "switch", "b"), d(3, "switch", "c"), d(4, "rollback", "b")])).toEqual({
      commitSha: sha("a"),
      deployId: 1,
    });
    // Order comes from the ids, not the array.
    expect(previousGeneration([d(2, "switch", "b"), d(1, "switch", "a")])).toEqual({ commitSha: sha("a"), deployId: 1 });
  });
});

describe("small rules", () => {
  it("isBehind: unknown without a HEAD or a deployed commit", () => {
    expect(isBehind(sha("a"), sha("a"))).toBe(false);
    expect(isBehind(sha("b"), sha("a"))).toBe(true);
    expect(isBehind(null, sha("a"))).toBeNull();
    expect(isBehind(sha("a"), "")).toBeNull();
  });

  it("parseDeployId accepts positive integers only", () => {
    expect(parseDeployId("12")).toBe(12);
    for (const bad of ["0", "-1", "1.5", "01", "abc", "", "99999999999"]) expect(parseDeployId(bad)).toBeNull();
  });

  it("parseStoredProgress treats anything unreadable as absent", () => {
    expect(parseStoredProgress(null)).toBeNull();
    expect(parseStoredProgress("{not json")).toBeNull();
    expect(parseStoredProgress('{"phase":"done"}')).toBeNull();
    expect(parseStoredProgress('{"phase":"done","derivations":{"done":1,"expected":1,"running":0,"failed":0}}')?.phase).toBe("done");
  });
});

describe("history against a real deploy (local stand-in)", () => {
  let h: DeployHarness;
  beforeAll(async () => {
    h = await startDeployHarness({ sshd: false });
  });
  afterAll(async () => h?.stop());

  it("stores the final progress, lists the deploy, and tells whether the system is behind HEAD", async () => {
    const deployed = await h.repo.commit(generatedFiles({ services: { grafana: true } }));
    const runner = h.runner("local");
    const { deployId } = await runner.start({ action: "switch", commitSha: deployed, actor: "alice" });
    expect((await runner.waitFor(deployId))?.status).toBe("succeeded");

    const detail = await getDeploy(adminAs(h.db.prisma), deployId);
    expect(detail).toMatchObject({ id: deployId, status: "succeeded", statusLabel: "succeeded", action: "switch", commitSha: deployed, actor: "alice", exitCode: 0 });
    expect(detail!.durationMs).toBeGreaterThan(0);
    expect(detail!.progress).toMatchObject({ phase: "done", derivations: { done: 6, expected: 6, failed: 0 } });
    expect(detail!.lineCount).toBeGreaterThan(10);
    expect((await getDeployOutcome(adminAs(h.db.prisma), deployId)).progress?.phase).toBe("done");
    expect((await getDeployOutcome(adminAs(h.db.prisma), 999_999)).status).toBeNull();

    const page = await readLogPage(adminAs(h.db.prisma), deployId, 2, 3);
    expect(page.map((l) => l.seq)).toEqual([2, 3, 4]);

    const { deploys } = await listDeploys(adminAs(h.db.prisma));
    expect(deploys[0]).toMatchObject({ id: deployId, shortSha: deployed.slice(0, 7) });

    const head = (s: string) => async () => ({ sha: s, shortSha: s.slice(0, 7), subject: "x", authorName: "a", date: new Date().toISOString() });
    const upToDate = await lastDeploySummary(adminAs(h.db.prisma), { head: head(deployed) });
    expect(upToDate).toMatchObject({ behind: false, last: { id: deployId, status: "succeeded" }, deployed: { id: deployId, commitSha: deployed } });

    const newer = await h.repo.commit(generatedFiles({ services: { grafana: true, jellyfin: true } }));
    expect((await lastDeploySummary(adminAs(h.db.prisma), { head: head(newer) })).behind).toBe(true);

    // A build changes nothing on the system: still behind, though it is the last deploy.
    const build = await runner.start({ action: "build", commitSha: newer, actor: "bob" });
    expect((await runner.waitFor(build.deployId))?.status).toBe("succeeded");
    const afterBuild = await lastDeploySummary(adminAs(h.db.prisma), { head: head(newer) });
    expect(afterBuild).toMatchObject({ behind: true, last: { id: build.deployId, action: "build" }, deployed: { id: deployId } });
  });
});
