// Detached deploys against a target with REAL systemd: a Debian rootfs booted with
// systemd-nspawn (scripts/test-rig/systemd-target.ts), OpenSSH inside, the stand-in
// nixos-rebuild running as a transient unit `homey-admin-deploy-*`. The app side is the
// real runner, log bus and SQLite. "The app dies" is a runner let go (shutdown) plus a
// brand-new runner with its own bus on the same database.
import { readlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminAs } from "@/lib/testing/admin-context";
import { AppError } from "@/lib/errors/app-error";
import { createHomeyRepo, generatedFiles, type HomeyRepo } from "@/scripts/test-rig/homey-repo";
import { startTestRig, type TestRig } from "@/scripts/test-rig/rig";
import { standinRunId } from "@/scripts/test-rig/standin";
import { startSystemdTarget, type SystemdTarget, systemdTargetUnavailable } from "@/scripts/test-rig/systemd-target";
import { loadDeployTarget } from "./config";
import { LogBus } from "./log-bus";
import { prismaLogStore } from "./log-store";
import { switchFromPreview } from "./preview-switch";
import { DeployRunner } from "./runner";
import { eventually, waitForLine } from "./testing/deploy-harness";
import { createTempDb, type TempDb } from "./testing/deploy-harness";
import { createSystemdTransport } from "./transport-systemd";

const unavailable = systemdTargetUnavailable();
if (unavailable) console.warn(`runner.systemd.test.ts skipped: ${unavailable}`);

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
afterEach(() => rig?.standin.setOptions({}));

/** A runner as one homey-admin process would have it (own bus); `database` lets a second instance have its own DB. */
function newRunner(database: TempDb = db): DeployRunner {
  const env = { ...target.env, HOMEY_DEPLOY_FLAKE_REPO: repo.path };
  return new DeployRunner({
    prisma: database.prisma,
    bus: new LogBus(prismaLogStore(database.prisma), { flushIntervalMs: 50 }),
    loadTarget: () => loadDeployTarget(env),
    transportFor: (t) => (t.transport === "ssh" ? createSystemdTransport(t, { pollIntervalMs: 300, settleMs: 500 }) : fail(t.transport)),
    progressIntervalMs: 50,
  });
}

function fail(what: string): never {
  throw new Error(`unexpected transport ${what}`);
}

async function storedLines(deployId: number, database: TempDb = db): Promise<string[]> {
  const rows = await database.prisma.deployLogLine.findMany({ where: { deployId }, orderBy: { seq: "asc" } });
  rows.forEach((row, i) => expect(row.seq).toBe(i + 1)); // no gaps
  return rows.map((row) => row.text);
}

async function ourUnits(): Promise<string> {
  return target.exec(["systemctl", "list-units", "--all", "--plain", "--no-legend", "--no-pager", "homey-admin-deploy-*"]);
}

async function unitState(unit: string): Promise<string> {
  return (await target.exec(["systemctl", "show", "-p", "SubState", "--value", unit])).trim();
}

function count(lines: string[], text: string): number {
  return lines.filter((l) => l === text).length;
}

const BUILD_LINE = /^homey-\S+> checking/;
const SERVICES = ["alpha", "bravo", "charlie", "delta"];
const servicesOn = (tag: string) => Object.fromEntries(SERVICES.map((s) => [`${s}-${tag}`, true]));

describe.skipIf(!!unavailable)("detached deploy on a target with real systemd", () => {
  it("runs as a transient unit: succeeded from the unit's result, log complete, the unit released", async () => {
    const sha = await repo.commit(generatedFiles({ services: { grafana: true } }));
    const runner = newRunner();
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const row = await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } });
    expect(row.unit).toMatch(new RegExp(`^homey-admin-deploy-${deployId}-[0-9a-f]{8}\\.service$`));
    expect(await runner.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });
    expect(rig.standin.readActivated()?.configuration.rev).toBe(sha);
    const lines = await storedLines(deployId);
    expect(lines[2]).toBe(`homey-admin: running on the target as systemd unit ${row.unit} (it goes on if the connection drops)`);
    expect(count(lines, "homey-services> service grafana: enabled")).toBe(1);
    expect(lines.some((l) => l.startsWith("homey-admin-deploy-end"))).toBe(false);
    expect(lines.at(-1)).toMatch(/^homey-admin: deploy succeeded after \d+\.\d s$/);
    // Recorded, then released: nothing of ours is left on the target.
    expect(await ourUnits()).toBe("");
  });

  it("the app dies mid-deploy: a new process reattaches, the log continues without gaps or duplicates", async () => {
    rig.standin.setOptions({ stepDelaySeconds: 0.4 });
    const sha = await repo.commit(generatedFiles({ services: servicesOn("r") }));
    const first = newRunner();
    const { deployId } = await first.start({ action: "switch", commitSha: sha, actor: "alice" });
    await waitForLine(first.bus, deployId, BUILD_LINE);
    await first.shutdown(); // the process is gone; the unit is not
    const unit = (await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).unit!;
    expect(await unitState(unit)).toBe("running");
    expect((await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).status).toBe("running");
    // A crash loses the lines not yet written: take the last two back out.
    const stored = await db.prisma.deployLogLine.findMany({ where: { deployId }, orderBy: { seq: "desc" }, take: 2 });
    const journalStored = stored.filter((l) => l.seq > 3);
    await db.prisma.deployLogLine.deleteMany({ where: { deployId, seq: { in: journalStored.map((l) => l.seq) } } });

    const second = newRunner();
    expect(await second.recover()).toEqual({ reattached: [deployId], interrupted: [] });
    expect(second.current()).toEqual({ deployId });
    expect(await second.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });

    const lines = await storedLines(deployId);
    expect(count(lines, `homey-admin: switch of commit ${sha} on ssh root@127.0.0.1:${target.port}, started by alice`)).toBe(1);
    for (const s of SERVICES) expect(count(lines, `homey-services> service ${s}-r: enabled`)).toBe(1);
    for (const l of journalStored) expect(count(lines, l.text)).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => BUILD_LINE.test(l))).toEqual([...new Set(lines.filter((l) => BUILD_LINE.test(l)))]);
    expect(count(lines, "stand-in: recorded the activated configuration in " + rig.standin.stateFile)).toBe(1);
    expect(lines.filter((l) => l.startsWith("homey-admin: deploy "))).toHaveLength(1);
    expect(rig.standin.readActivated()?.configuration.rev).toBe(sha);
    expect(await ourUnits()).toBe("");
  });

  it("a confirmed preview runs detached too: the preview's build becomes the next profile generation, exit 4 stays units_failed, a rollback steps back", async () => {
    const on = await repo.commit(generatedFiles({ services: servicesOn("gen") }));
    const runner = newRunner();
    const first = await runner.start({ action: "switch", commitSha: on, actor: "alice" });
    expect((await runner.waitFor(first.deployId))?.status).toBe("succeeded");
    const onSystem = rig.standin.readActivated()!.system;
    const profile = path.join(rig.standin.stateDir, "profiles", "system");
    const generation = () => Number(/^system-(\d+)-link$/.exec(readlinkSync(profile))![1]);
    const before = generation();

    const off = await repo.commit(generatedFiles({ services: { ...servicesOn("gen"), "delta-gen": false } }));
    const { deployId: previewId } = await runner.start({ action: "dry-activate", commitSha: off, actor: "alice" });
    expect((await runner.waitFor(previewId))?.status).toBe("succeeded");
    // Set after the preview's build: the activation reads it (a unit that fails to come up).
    rig.standin.setOptions({ failUnits: ["delta-gen.service"] });
    const { deployId } = await switchFromPreview(adminAs(db.prisma, "alice"), runner, previewId);
    expect(await runner.waitFor(deployId)).toEqual({ status: "units_failed", exitCode: 4, error: "switched, but these units failed: delta-gen.service" });
    const row = await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } });
    expect(row.unit).toMatch(/^homey-admin-deploy-/);
    const lines = await storedLines(deployId);
    expect(lines.filter((l) => BUILD_LINE.test(l))).toEqual([]);
    const built = rig.standin.readActivated()!.system;
    expect(built).not.toBe(onSystem);
    expect(readlinkSync(path.join(path.dirname(profile), readlinkSync(profile)))).toBe(built);
    expect(generation()).toBe(before + 1);
    expect(await ourUnits()).toBe("");

    rig.standin.setOptions({});
    const back = await runner.start({ action: "rollback", commitSha: on, actor: "alice" });
    expect((await runner.waitFor(back.deployId))?.status).toBe("succeeded");
    expect(generation()).toBe(before);
    expect(rig.standin.readActivated()?.system).toBe(onSystem);
  });

  it("finished while nobody watched: the reattach reads the rest of the journal and the unit's real result", async () => {
    rig.standin.setOptions({ stepDelaySeconds: 0.2, failUnits: ["grafana.service"] });
    const sha = await repo.commit(generatedFiles({ services: servicesOn("away") }));
    const first = newRunner();
    const { deployId } = await first.start({ action: "switch", commitSha: sha, actor: "alice" });
    await waitForLine(first.bus, deployId, BUILD_LINE);
    await first.shutdown();
    const unit = (await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).unit!;
    // The unit ends on its own and stays (RemainAfterExit / failed) until its result is read.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await unitState(unit)) === "running") await new Promise((r) => setTimeout(r, 300));
    expect(await unitState(unit)).toBe("failed");

    const second = newRunner();
    expect((await second.recover()).reattached).toEqual([deployId]);
    const end = await second.waitFor(deployId);
    expect(end).toEqual({ status: "units_failed", exitCode: 4, error: "switched, but these units failed: grafana.service" });
    const lines = await storedLines(deployId);
    for (const s of SERVICES) expect(count(lines, `homey-services> service ${s}-away: enabled`)).toBe(1);
    expect(count(lines, "warning: the following units failed: grafana.service")).toBe(1);
    expect(await ourUnits()).toBe("");
  });

  it("the SSH connection killed mid-activation: activation completes, the deploy is followed to its end", async () => {
    rig.standin.setOptions({ activationDelaySeconds: 3 });
    const sha = await repo.commit(generatedFiles({ services: { dropped: true } }));
    const runner = newRunner();
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    await waitForLine(runner.bus, deployId, /^stand-in: activation pauses/);
    const sessions = target.sessionPids();
    expect(sessions.length).toBeGreaterThan(0);
    for (const pid of sessions) process.kill(pid, "SIGKILL");
    expect(await runner.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });
    expect(rig.standin.readActivated()?.configuration.rev).toBe(sha);
    const lines = await storedLines(deployId);
    expect(count(lines, "activating the configuration...")).toBe(1);
    expect(count(lines, `stand-in: recorded the activated configuration in ${rig.standin.stateFile}`)).toBe(1);
  });

  it("a second app instance (own database) is refused by the target's lock, naming the running unit", async () => {
    rig.standin.setOptions({ stepDelaySeconds: 30 });
    const sha = await repo.commit(generatedFiles({ services: { first: true } }));
    const runner = newRunner();
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    await waitForLine(runner.bus, deployId, BUILD_LINE);
    const unit = (await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).unit!;

    const otherDb = await createTempDb();
    try {
      const other = newRunner(otherDb);
      const attempt = other.start({ action: "switch", commitSha: sha, actor: "bob" });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: "DEPLOY_BUSY", details: { units: [unit] } });
      await expect(attempt).rejects.toThrow(new RegExp(`${unit.replace(/\./g, "\\.")} \\(homey-admin deploy #${deployId}: switch ${sha.slice(0, 7)} by alice\\)`));
      expect(await otherDb.prisma.deploy.count()).toBe(0);
      // The lock is the target's, not this process's: a fresh runner on the SAME database is refused too.
      await expect(newRunner().start({ action: "switch", commitSha: sha, actor: "carol" })).rejects.toMatchObject({ code: "DEPLOY_BUSY" });
    } finally {
      await otherDb.cleanup();
    }
    runner.cancel(deployId);
    expect((await runner.waitFor(deployId))?.status).toBe("cancelled");
  });

  it("cancel stops the unit (its whole cgroup) and records cancelled", async () => {
    rig.standin.setOptions({ stepDelaySeconds: 30 });
    const sha = await repo.commit(generatedFiles({ services: { cancelme: true } }));
    const runner = newRunner();
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    await waitForLine(runner.bus, deployId, BUILD_LINE);
    const runId = standinRunId(await storedLinesSoon(deployId));
    expect(runId).not.toBeNull();
    expect(rig.standin.processesOfRun(runId!).length).toBeGreaterThan(0);
    runner.cancel(deployId);
    expect(await runner.waitFor(deployId)).toMatchObject({ status: "cancelled", exitCode: null });
    expect(await eventually(() => rig.standin.processesOfRun(runId!).length === 0)).toBe(true);
    expect(await ourUnits()).toBe("");
    expect((await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).status).toBe("cancelled");
  });
});

async function storedLinesSoon(deployId: number): Promise<string[]> {
  await new Promise((r) => setTimeout(r, 200));
  return storedLines(deployId);
}
