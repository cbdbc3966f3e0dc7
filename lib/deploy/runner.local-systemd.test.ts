// Transport local, detached (HOMEY_DEPLOY_DETACH=systemd): the app on the machine it deploys
// runs the rebuild as a transient unit of that machine's systemd, so the deploy outlives the
// app. Against REAL systemd (the nspawn target): the "local" command lines run inside the
// container through nsenter, as if homey-admin ran there; everything else is the real runner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHomeyRepo, generatedFiles, type HomeyRepo } from "@/scripts/test-rig/homey-repo";
import { startTestRig, type TestRig } from "@/scripts/test-rig/rig";
import { startSystemdTarget, type SystemdTarget, systemdTargetUnavailable } from "@/scripts/test-rig/systemd-target";
import { loadDeployTarget } from "./config";
import { LogBus } from "./log-bus";
import { prismaLogStore } from "./log-store";
import { DeployRunner } from "./runner";
import { createTempDb, type TempDb, waitForLine } from "./testing/deploy-harness";
import { createLocalSystemdTransport } from "./transport-systemd";

const unavailable = systemdTargetUnavailable();
if (unavailable) console.warn(`runner.local-systemd.test.ts skipped: ${unavailable}`);

let db: TempDb;
let rig: TestRig;
let repo: HomeyRepo;
let target: SystemdTarget;

beforeAll(async () => {
  if (unavailable) return;
  [db, rig] = await Promise.all([createTempDb(), startTestRig({ sshd: false })]);
  repo = await createHomeyRepo(`${rig.dir}/homey`);
  target = await startSystemdTarget({ dir: rig.dir, standinEnv: rig.standin.env });
}, 600_000);
afterAll(async () => {
  await target?.stop();
  await rig?.stop();
  await db?.cleanup();
});

const env = () => ({
  HOMEY_DEPLOY_TRANSPORT: "local",
  HOMEY_DEPLOY_DETACH: "systemd",
  HOMEY_DEPLOY_COMMAND: "/usr/local/bin/nixos-rebuild",
  HOMEY_DEPLOY_FLAKE_REPO: repo.path,
});

function newRunner(): DeployRunner {
  return new DeployRunner({
    prisma: db.prisma,
    bus: new LogBus(prismaLogStore(db.prisma), { flushIntervalMs: 50 }),
    loadTarget: () => loadDeployTarget(env()),
    transportFor: (t) => {
      if (t.transport !== "local" || t.detach !== "systemd") throw new Error(`expected a detached local target, got ${t.transport}`);
      return createLocalSystemdTransport({ prefix: target.nsenterPrefix(), pollIntervalMs: 300, settleMs: 500 });
    },
    progressIntervalMs: 50,
  });
}

describe.skipIf(!!unavailable)("local transport, detached, on a machine with real systemd", () => {
  it("explicit HOMEY_DEPLOY_DETACH=systemd makes the local target detached; off keeps the child process", () => {
    expect(loadDeployTarget(env())).toMatchObject({ transport: "local", detach: "systemd" });
    expect(loadDeployTarget({ ...env(), HOMEY_DEPLOY_DETACH: "off" })).toMatchObject({ transport: "local", detach: "off" });
  });

  it("runs as a transient unit, survives the app letting go, and is reattached to its real result", async () => {
    rig.standin.setOptions({ stepDelaySeconds: 0.3 });
    const sha = await repo.commit(generatedFiles({ services: { grafana: true, "local-detached": true } }));
    const first = newRunner();
    const { deployId } = await first.start({ action: "switch", commitSha: sha, actor: "alice" });
    const unit = (await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).unit!;
    expect(unit).toMatch(new RegExp(`^homey-admin-deploy-${deployId}-[0-9a-f]{8}\\.service$`));
    await waitForLine(first.bus, deployId, /^homey-\S+> checking/);
    await first.shutdown(); // the app is gone; the unit is not
    expect((await target.exec(["systemctl", "show", "-p", "SubState", "--value", unit])).trim()).toBe("running");

    const second = newRunner();
    expect((await second.recover()).reattached).toEqual([deployId]);
    expect(await second.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });
    expect(rig.standin.readActivated()?.configuration.rev).toBe(sha);
    const lines = (await db.prisma.deployLogLine.findMany({ where: { deployId }, orderBy: { seq: "asc" } })).map((l) => l.text);
    expect(lines[2]).toBe(`homey-admin: running on the target as systemd unit ${unit} (it goes on if the connection drops)`);
    expect(lines.filter((l) => l === "homey-services> service local-detached: enabled")).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^homey-admin: deploy succeeded after/);
    expect(await target.exec(["systemctl", "list-units", "--all", "--plain", "--no-legend", "--no-pager", "homey-admin-deploy-*"])).toBe("");
  });

  it("cancel stops the unit", async () => {
    rig.standin.setOptions({ stepDelaySeconds: 30 });
    const sha = await repo.commit(generatedFiles({ services: { "local-cancel": true } }));
    const runner = newRunner();
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    await waitForLine(runner.bus, deployId, /^homey-\S+> checking/);
    runner.cancel(deployId);
    expect(await runner.waitFor(deployId)).toMatchObject({ status: "cancelled" });
    expect(await target.exec(["systemctl", "list-units", "--all", "--plain", "--no-legend", "--no-pager", "homey-admin-deploy-*"])).toBe("");
  });
});
