// The runner runs the health gate after a switch that activated, on the local stand-in: its
// verdict is in the log and on the deploy (Deploy.health); a build runs no gate.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedFiles } from "@/scripts/test-rig/homey-repo";
import { DeployRunner } from "../runner";
import { LogBus } from "../log-bus";
import { prismaLogStore } from "../log-store";
import { loadDeployTarget } from "../config";
import { createLocalTransport } from "../transport-local";
import { type DeployHarness, startDeployHarness } from "../testing/deploy-harness";
import { runHealthGate } from "./gate";

let h: DeployHarness;
let server: http.Server;
let base: string;

beforeAll(async () => {
  h = await startDeployHarness({ sshd: false });
  server = http.createServer((req, res) => (req.headers.host === "photos.example.test" ? res.end("Immich") : res.writeHead(502).end("down")));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await h?.stop();
});

const monitor = (name: string, target: string) => ({ name, type: "http" as const, target, interval: 1, keyword: "", maxretries: 0 });

function runner(): DeployRunner {
  const env = { ...h.rig.env.local, HOMEY_DEPLOY_FLAKE_REPO: h.repo.path, HOMEY_DEPLOY_HEALTH_BASE_URL: base, HOMEY_DEPLOY_HEALTH_WINDOW_S: "5" };
  return new DeployRunner({
    prisma: h.db.prisma,
    bus: new LogBus(prismaLogStore(h.db.prisma), { flushIntervalMs: 50 }),
    loadTarget: () => loadDeployTarget(env),
    transportFor: () => createLocalTransport({ env: { ...process.env, ...h.rig.standin.env }, cwd: h.rig.dir }),
    healthGate: (run) =>
      runHealthGate({ monitors: [{ monitor: monitor("photos", "photos/"), why: "test" }, { monitor: monitor("wiki", "wiki/"), why: "test" }], failedUnits: run.failedUnits, domain: "example.test", baseUrl: run.target.health.baseUrl, windowMs: run.target.health.windowMs }),
  });
}

describe("health gate in the runner", () => {
  it("after a switch: the verdict with each probe is logged and stored on the deploy", async () => {
    const r = runner();
    const sha = await h.repo.commit(generatedFiles({ services: { immich: true } }));
    const { deployId } = await r.start({ action: "switch", commitSha: sha, actor: "alice" });
    expect((await r.waitFor(deployId))?.status).toBe("succeeded");
    const row = await h.db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } });
    const health = JSON.parse(row.health!);
    expect(health.verdict).toBe("unhealthy");
    expect(health.probes.map((p: { monitor: string; ok: boolean }) => [p.monitor, p.ok])).toEqual([["photos", true], ["wiki", false]]);
    const lines = await h.storedLines(deployId);
    expect(lines).toContain("homey-admin: health gate: FAILED wiki (test): HTTP 502 after 1 attempt(s)");
    expect(lines).toContain("homey-admin: health gate: unhealthy: wiki (HTTP 502)");
  });

  it("a build activates nothing: no gate", async () => {
    const r = runner();
    const sha = await h.repo.commit(generatedFiles({ services: { buildonly: true } }));
    const { deployId } = await r.start({ action: "build", commitSha: sha, actor: "alice" });
    await r.waitFor(deployId);
    expect((await h.db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).health).toBeNull();
  });
});
