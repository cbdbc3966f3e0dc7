// What runs on the target, read from it over the loopback sshd rig (and the local
// transport): the stand-in's nixos-version answers with the revision its last activation
// recorded, so a deploy and a rollback really change the answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFiles } from "@/scripts/test-rig/homey-repo";
import { loadDeployTarget } from "./config";
import { cachedRunningRevision, forgetRunningRevision, readRunningRevision } from "./running-revision";
import { type DeployHarness, startDeployHarness } from "./testing/deploy-harness";

let h: DeployHarness;

beforeAll(async () => {
  h = await startDeployHarness({ sshd: true });
});
afterAll(async () => h?.stop());

const sshTarget = () => loadDeployTarget({ ...h.rig.env.ssh, HOMEY_DEPLOY_FLAKE_REPO: h.repo.path });
const localTarget = () => loadDeployTarget({ ...h.rig.env.local, HOMEY_DEPLOY_FLAKE_REPO: h.repo.path });

describe("running revision, read from the target", () => {
  it("before anything was activated, the target says it does not know", async () => {
    const answer = await readRunningRevision(sshTarget());
    expect(answer.kind).toBe("unknown");
  });

  it("after a switch it names the deployed commit, over ssh and locally; after a rollback the older one", async () => {
    const runner = h.runner("ssh");
    const first = await h.repo.commit(generatedFiles({ services: { grafana: true } }));
    const a = await runner.start({ action: "switch", commitSha: first, actor: "alice" });
    expect((await runner.waitFor(a.deployId))?.status).toBe("succeeded");
    expect(await readRunningRevision(sshTarget())).toEqual({ kind: "commit", sha: first });
    expect(await readRunningRevision(localTarget(), { env: { ...process.env, ...h.rig.standin.env } })).toEqual({ kind: "commit", sha: first });

    const second = await h.repo.commit(generatedFiles({ services: { grafana: true, immich: true } }));
    const b = await runner.start({ action: "switch", commitSha: second, actor: "alice" });
    expect((await runner.waitFor(b.deployId))?.status).toBe("succeeded");
    expect(await readRunningRevision(sshTarget())).toEqual({ kind: "commit", sha: second });

    const back = await runner.start({ action: "rollback", actor: "alice" });
    expect((await runner.waitFor(back.deployId))?.status).toBe("succeeded");
    expect(await readRunningRevision(sshTarget())).toEqual({ kind: "commit", sha: first });
  });

  it("caches briefly, and a finished deploy forgets the cache", async () => {
    forgetRunningRevision();
    let reads = 0;
    const read = async () => {
      reads += 1;
      return { kind: "dirty" } as const;
    };
    const target = sshTarget();
    await cachedRunningRevision(target, { read, now: 1_000 });
    await cachedRunningRevision(target, { read, now: 5_000 });
    expect(reads).toBe(1);
    await cachedRunningRevision(target, { read, now: 20_000 });
    expect(reads).toBe(2);

    const runner = h.runner("ssh");
    const sha = await h.repo.commit(generatedFiles({ services: { cached: true } }));
    const d = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    await runner.waitFor(d.deployId);
    // The runner forgot the cached "dirty": the next read asks the target.
    expect(await cachedRunningRevision(target, { now: 21_000 })).toEqual({ kind: "commit", sha });
  });

  it("an unreachable target is said to be so, not thrown", async () => {
    const answer = await readRunningRevision(loadDeployTarget({ ...h.rig.env.ssh, HOMEY_DEPLOY_PORT: "1", HOMEY_DEPLOY_FLAKE_REPO: h.repo.path }));
    expect(answer.kind).toBe("unreachable");
  });
});
