// homey-admin's self-restart against REAL systemd (the nspawn target of
// scripts/test-rig/systemd-target.ts): the module's homey-admin-restart.path and oneshot,
// rendered from nix/module.nix's own evaluation into unit files, and a stand-in
// homey-admin.service whose program counts its starts. The app side is the real runner
// and the real file trigger; the request file lives in the rig dir, bound into the
// container at the same path (so the host's write is the container's inotify event).
//
// The stand-in nixos-rebuild cannot rewrite systemd units the way NixOS's activation does,
// so "the switch loaded a homey-admin.service with another package" is set up by the test:
// the unit is written and daemon-reloaded on the target before the deploy.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evalNixJson } from "@/nix/testing/nix-eval";
import { createHomeyRepo, generatedFiles, type HomeyRepo } from "@/scripts/test-rig/homey-repo";
import { startTestRig, type TestRig } from "@/scripts/test-rig/rig";
import { startSystemdTarget, type SystemdTarget, systemdTargetUnavailable } from "@/scripts/test-rig/systemd-target";
import { loadDeployTarget } from "./config";
import { LogBus } from "./log-bus";
import { prismaLogStore } from "./log-store";
import { DeployRunner } from "./runner";
import { fileRestartTrigger, type SelfRestartRequest } from "./self-restart-trigger";
import { createTempDb, eventually, type TempDb } from "./testing/deploy-harness";
import { createSystemdTransport } from "./transport-systemd";

const unavailable = systemdTargetUnavailable();
if (unavailable) console.warn(`self-restart.systemd.test.ts skipped: ${unavailable}`);

const OLD = `/nix/store/${"a".repeat(32)}-homey-admin-0.1.0`;
const NEW = `/nix/store/${"b".repeat(32)}-homey-admin-0.2.0`;

let db: TempDb;
let rig: TestRig;
let repo: HomeyRepo;
let target: SystemdTarget;
let dir: string;
let requestFile: string;
let startsFile: string;

interface ModuleUnits {
  path: { description: string; pathConfig: Record<string, string> };
  service: { description: string; serviceConfig: Record<string, string | string[]> };
}

/** The module's restart units, as nix/module.nix evaluates them (stub lib/pkgs, nix/testing/). */
function moduleRestartUnits(): ModuleUnits {
  return evalNixJson(`
    let
      pkgs = import ./nix/testing/pkgs-stub.nix;
      r = import ./nix/testing/eval-nixos-module.nix {
        module = ./nix/module.nix;
        otherConfig.nix.package = pkgs.stubDerivation "nix-stub";
        otherConfig.systemd.package = pkgs.stubDerivation "systemd-stub";
        settings.services.homey-admin = { enable = true; domain = "example.org"; deploy.transport = "local"; };
      };
    in { path = r.config.systemd.paths.homey-admin-restart; service = r.config.systemd.services.homey-admin-restart; }`) as ModuleUnits;
}

/** An INI unit file; a list value becomes one line per entry (as NixOS renders ExecStart lists). */
function unitFile(sections: Record<string, Record<string, string | string[]>>, rewrite: (value: string) => string): string {
  const lines: string[] = [];
  for (const [section, settings] of Object.entries(sections)) {
    lines.push(`[${section}]`);
    for (const [key, value] of Object.entries(settings)) for (const v of [value].flat()) lines.push(`${key}=${rewrite(v)}`);
    lines.push("");
  }
  return lines.join("\n");
}

/** The stand-in homey-admin.service the "switch" loaded: a program under `pkg` that counts its starts. */
async function installSelfService(pkg: string): Promise<void> {
  const program = `${pkg}/bin/homey-admin`;
  await target.exec(["mkdir", "-p", path.dirname(program)]);
  await target.exec(["sh", "-c", `printf '%s\\n' '#!/bin/sh' 'echo started >> ${startsFile}' 'exec sleep infinity' > ${program} && chmod 755 ${program}`]);
  const unit = unitFile(
    {
      Unit: { Description: "stand-in homey-admin (counts its starts)" },
      Service: { Environment: `HOMEY_ADMIN_PACKAGE=${pkg}`, ExecStart: program, "X-RestartIfChanged": "false" },
    },
    (v) => v,
  );
  await target.exec(["sh", "-c", `cat > /etc/systemd/system/homey-admin.service <<'EOF'\n${unit}EOF\nsystemctl daemon-reload`]);
}

function starts(): number {
  return existsSync(startsFile) ? readFileSync(startsFile, "utf8").split("\n").filter(Boolean).length : 0;
}

beforeAll(async () => {
  if (unavailable) return;
  [db, rig] = await Promise.all([createTempDb(), startTestRig({ sshd: false })]);
  repo = await createHomeyRepo(`${rig.dir}/homey`);
  target = await startSystemdTarget({ dir: rig.dir, standinEnv: rig.standin.env });
  dir = path.join(rig.dir, "self-restart");
  mkdirSync(dir, { recursive: true });
  requestFile = path.join(dir, "restart-request");
  startsFile = path.join(dir, "starts");

  // The module's units, pointed at the rig's request file and Debian's rm/systemctl.
  const units = moduleRestartUnits();
  const rewrite = (v: string) =>
    v
      .replaceAll("/var/lib/private/homey-admin/restart-request", requestFile)
      .replace(/\/nix\/store\/0{32}-coreutils-stub\/bin\//g, "/bin/")
      .replace(/\/nix\/store\/0{32}-systemd-stub\/bin\//g, "/bin/");
  const pathUnit = unitFile({ Unit: { Description: units.path.description }, Path: units.path.pathConfig }, rewrite);
  const serviceUnit = unitFile({ Unit: { Description: units.service.description }, Service: units.service.serviceConfig }, rewrite);
  await target.exec([
    "sh",
    "-c",
    `cat > /etc/systemd/system/homey-admin-restart.path <<'EOF'\n${pathUnit}EOF\ncat > /etc/systemd/system/homey-admin-restart.service <<'EOF'\n${serviceUnit}EOF\n`,
  ]);
  await installSelfService(OLD);
  await target.exec(["systemctl", "start", "homey-admin.service", "homey-admin-restart.path"]);
  expect(await eventually(() => starts() === 1)).toBe(true);
}, 600_000);
afterAll(async () => {
  await target?.stop();
  await rig?.stop();
  await db?.cleanup();
});

/** A runner run by "the module" with package `ownPackage`; `pulls` sees each request and the deploy's stored status at that moment. */
function newRunner(ownPackage: string, pulls: { request: SelfRestartRequest; statusWhenPulled: string | undefined }[]): DeployRunner {
  const env = { ...target.env, HOMEY_DEPLOY_FLAKE_REPO: repo.path };
  const trigger = fileRestartTrigger(requestFile);
  return new DeployRunner({
    prisma: db.prisma,
    bus: new LogBus(prismaLogStore(db.prisma), { flushIntervalMs: 50 }),
    loadTarget: () => loadDeployTarget(env),
    transportFor: (t) => {
      if (t.transport !== "ssh") throw new Error(`unexpected transport ${t.transport}`);
      return createSystemdTransport(t, { pollIntervalMs: 300, settleMs: 500 });
    },
    progressIntervalMs: 50,
    selfRestart: {
      ownPackage,
      async pull(request) {
        const row = await db.prisma.deploy.findUnique({ where: { id: request.deployId }, select: { status: true } });
        pulls.push({ request, statusWhenPulled: row?.status });
        await trigger(request);
      },
    },
  });
}

async function unitActive(unit: string): Promise<string> {
  return (await target.exec(["systemctl", "show", "-p", "ActiveState", "--value", unit])).trim();
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!!unavailable)("self-restart on a target with real systemd", () => {
  it("the module's path unit ignores other files coming and going next to the request (the SQLite journal does)", async () => {
    const before = starts();
    for (let i = 0; i < 5; i++) {
      writeFileSync(path.join(dir, "homey-admin.db-journal"), "x");
      rmSync(path.join(dir, "homey-admin.db-journal"));
    }
    await settle(1500);
    expect(starts()).toBe(before);
    expect(await unitActive("homey-admin-restart.path")).toBe("active");
  });

  it("a switch that changed homey-admin's package: recorded finished, then exactly one restart", async () => {
    await installSelfService(NEW); // what the switch's daemon-reload would have loaded
    const before = starts();
    const pulls: { request: SelfRestartRequest; statusWhenPulled: string | undefined }[] = [];
    const runner = newRunner(OLD, pulls);
    const sha = await repo.commit(generatedFiles({ services: { grafana: true } }));
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    expect(await runner.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });

    expect(await eventually(() => starts() === before + 1, 15_000)).toBe(true);
    expect(pulls).toEqual([{ request: { deployId, from: OLD, to: NEW }, statusWhenPulled: "succeeded" }]);
    const row = await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } });
    expect(row.selfRestartTo).toBe(NEW);
    const lines = (await db.prisma.deployLogLine.findMany({ where: { deployId }, orderBy: { seq: "asc" } })).map((l) => l.text);
    const said = lines.findIndex((l) => l === `homey-admin: this deploy changed homey-admin's own package (${OLD} → ${NEW}); homey-admin.service restarts once this result is recorded`);
    expect(said).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^homey-admin: deploy succeeded after/);
    // The oneshot took the request away; nothing triggers again.
    expect(await eventually(() => !existsSync(requestFile))).toBe(true);
    await settle(2000);
    expect(starts()).toBe(before + 1);
    expect(await unitActive("homey-admin.service")).toBe("active");
  });

  it("a switch that left the package as it was: no restart request, no restart", async () => {
    const before = starts();
    const pulls: { request: SelfRestartRequest; statusWhenPulled: string | undefined }[] = [];
    const runner = newRunner(NEW, pulls);
    const sha = await repo.commit(generatedFiles({ services: { grafana: true, prometheus: true } }));
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    expect(await runner.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });
    await settle(2000);
    expect(pulls).toEqual([]);
    expect(existsSync(requestFile)).toBe(false);
    expect(starts()).toBe(before);
    expect((await db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } })).selfRestartTo).toBeNull();
  });

  it("a build activates nothing: no question asked of the target, no restart", async () => {
    await installSelfService(OLD);
    const before = starts();
    const pulls: { request: SelfRestartRequest; statusWhenPulled: string | undefined }[] = [];
    const runner = newRunner(NEW, pulls);
    const sha = await repo.commit(generatedFiles({ services: { grafana: false } }));
    const { deployId } = await runner.start({ action: "build", commitSha: sha, actor: "alice" });
    expect((await runner.waitFor(deployId))?.status).toBe("succeeded");
    await settle(1000);
    expect(pulls).toEqual([]);
    expect(starts()).toBe(before);
  });

  it("a request left while the path unit was down (a reboot right after the deploy) is honoured once it is up, once", async () => {
    await target.exec(["systemctl", "stop", "homey-admin-restart.path"]);
    const before = starts();
    await fileRestartTrigger(requestFile)({ deployId: 0, from: OLD, to: NEW });
    await settle(1000);
    expect(starts()).toBe(before);
    await target.exec(["systemctl", "start", "homey-admin-restart.path"]);
    expect(await eventually(() => starts() === before + 1, 15_000)).toBe(true);
    expect(await eventually(() => !existsSync(requestFile))).toBe(true);
    await settle(1500);
    expect(starts()).toBe(before + 1);
  });
});
