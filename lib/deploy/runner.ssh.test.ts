// The runner over SSH against a REAL OpenSSH sshd on 127.0.0.1 whose sessions run the
// stand-in nixos-rebuild (real `nix build`, private store). One sshd, one Nix store, one
// SQLite file for the whole file; each test deploys its own commit.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { generatedFiles } from "@/scripts/test-rig/homey-repo";
import { standinRunId } from "@/scripts/test-rig/standin";
import { freePort } from "@/lib/testing/ports";
import { generateKey } from "@/scripts/test-rig/start-sshd";
import type { DeployRunner } from "./runner";
import { type DeployHarness, eventually, startDeployHarness, waitForLine } from "./testing/deploy-harness";

let h: DeployHarness;

beforeAll(async () => {
  h = await startDeployHarness({ sshd: true });
});
afterAll(async () => h?.stop());
afterEach(() => h.rig.standin.setOptions({}));

const BUILD_LINE = /^homey-\S+> checking/;

async function linesSoFar(runner: DeployRunner, deployId: number): Promise<string[]> {
  const lines: string[] = [];
  const unsubscribe = runner.bus.subscribe(deployId, 1, (e) => e.type === "line" && lines.push(e.text));
  await new Promise((r) => setTimeout(r, 20));
  unsubscribe();
  return lines;
}

/** Starts a deploy whose build sleeps between lines, and waits until it is building. */
async function startSlowDeploy(runner: DeployRunner, label: string): Promise<{ deployId: number; runId: string }> {
  h.rig.standin.setOptions({ stepDelaySeconds: 30 });
  const sha = await h.repo.commit(generatedFiles({ services: { [label]: true } }));
  const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
  await waitForLine(runner.bus, deployId, BUILD_LINE);
  const runId = standinRunId(await linesSoFar(runner, deployId));
  expect(runId).not.toBeNull();
  expect(h.rig.standin.processesOfRun(runId!).length).toBeGreaterThan(0);
  return { deployId, runId: runId! };
}

describe("deploy over ssh to a real sshd", () => {
  it("succeeds: the activated configuration is what the commit set, lines streamed live", async () => {
    h.rig.standin.setOptions({ stepDelaySeconds: 0.1 });
    const sha = await h.repo.commit(
      generatedFiles({ services: { grafana: true, immich: true }, virtualHosts: { photos: { port: 2283, auth: false } } }),
    );
    const runner = h.runner("ssh");
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const firstBuildLine = waitForLine(runner.bus, deployId, BUILD_LINE).then(() => Date.now());
    expect(await runner.waitFor(deployId)).toEqual({ status: "succeeded", exitCode: 0, error: null });
    // Through sshd and the pty, build lines still arrive while the build runs.
    expect(Date.now() - (await firstBuildLine)).toBeGreaterThan(500);

    const activated = h.rig.standin.readActivated()!;
    expect(activated.configuration.rev).toBe(sha);
    expect(activated.configuration.homey).toMatchObject({
      services: { grafana: { enable: true }, immich: { enable: true } },
      caddy: { virtualHosts: { photos: { host: "photos.example.test", port: 2283, auth: false } } },
    });

    const row = await h.db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } });
    expect(row).toMatchObject({ transport: "ssh", target: `ssh ${h.rig.sshd!.user}@127.0.0.1:${h.rig.sshd!.port}` });
    const stored = await h.storedLines(deployId);
    // pty output arrives with \r\n: no line may keep a \r.
    expect(stored.some((l) => l.includes("\r"))).toBe(false);
    expect(stored).toContain("homey-services> service immich: enabled");
    expect(stored).toContain("activating the configuration...");
    expect(stored.at(-1)).toMatch(/^homey-admin: deploy succeeded after \d+\.\d s$/);
  });

  it("pins the host key through a known_hosts file too", async () => {
    const sha = await h.repo.commit(generatedFiles({ services: { knownhosts: true } }));
    const runner = h.runner("ssh", { HOMEY_DEPLOY_HOST_KEY: "", HOMEY_DEPLOY_KNOWN_HOSTS: h.rig.sshd!.knownHostsPath });
    const { deployId } = await runner.start({ action: "build", commitSha: sha, actor: "alice" });
    expect((await runner.waitFor(deployId))?.status).toBe("succeeded");
    // nixos-rebuild build prints no result line (nixos-25.05's bash one); Nix's own log names the system it built.
    expect((await h.storedLines(deployId)).some((l) => l.includes("-nixos-system-pi-main-homey-standin"))).toBe(true);
  });

  it("a real Nix failure: failed, exit code 1, the evaluation error in the log", async () => {
    const files = generatedFiles({ services: { grafana: true } });
    files["generated/services.nix"] = "{ domain, ... }:\n{\n  homey.services.grafana.enable = notDefinedAnywhere;\n}\n";
    const sha = await h.repo.commit(files);
    const runner = h.runner("ssh");
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const end = await runner.waitFor(deployId);
    expect(end).toMatchObject({ status: "failed", exitCode: 1 });
    expect(end?.error).toContain("error: undefined variable 'notDefinedAnywhere'");
    const stored = await h.storedLines(deployId);
    expect(stored).toContain("error: undefined variable 'notDefinedAnywhere'");
    expect(stored.some((l) => /generated\/services\.nix:3:\d+/.test(l))).toBe(true);
  });

  it("cancel: status cancelled and the remote command is really gone (pty hang-up)", async () => {
    const runner = h.runner("ssh");
    const { deployId, runId } = await startSlowDeploy(runner, "cancelme");
    runner.cancel(deployId);
    expect((await runner.waitFor(deployId))?.status).toBe("cancelled");
    expect(await eventually(() => h.rig.standin.processesOfRun(runId).length === 0)).toBe(true);
    expect(await eventually(() => h.rig.sshd!.sessionPids().length === 0)).toBe(true);
  });

  it("timeout: status timed out and the remote command is stopped", async () => {
    h.rig.standin.setOptions({ stepDelaySeconds: 30 });
    const sha = await h.repo.commit(generatedFiles({ services: { slowpoke: true } }));
    const runner = h.runner("ssh", { HOMEY_DEPLOY_TIMEOUT_S: "2" });
    const started = Date.now();
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const end = await runner.waitFor(deployId);
    expect(end).toMatchObject({ status: "timed_out", exitCode: null });
    expect(end?.error).toMatch(/no result after 2 s/);
    expect(Date.now() - started).toBeLessThan(20_000); // the build alone would take minutes
    const runId = standinRunId(await h.storedLines(deployId))!;
    expect(await eventually(() => h.rig.standin.processesOfRun(runId).length === 0)).toBe(true);
  });

  it("a changed host key is refused, showing the expected and the presented fingerprint", async () => {
    const wrong = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const runner = h.runner("ssh", { HOMEY_DEPLOY_HOST_KEY: wrong });
    const sha = await h.repo.commit(generatedFiles({ services: { mitm: true } }));
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const end = await runner.waitFor(deployId);
    expect(end?.status).toBe("host_key_refused");
    expect(end?.error).toContain(`presented ssh-ed25519 ${h.rig.sshd!.hostKeyFingerprint}`);
    expect(end?.error).toContain(`expected ${wrong}`);
    expect((await h.storedLines(deployId)).at(-1)).toContain("deploy host key refused");
  });

  it("a key the server does not accept: auth failed", async () => {
    const otherKey = path.join(h.rig.dir, "not-authorized_ed25519");
    await generateKey(otherKey, "not authorized");
    const runner = h.runner("ssh", { HOMEY_DEPLOY_KEY_FILE: otherKey });
    const sha = await h.repo.commit(generatedFiles({ services: { intruder: true } }));
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const end = await runner.waitFor(deployId);
    expect(end?.status).toBe("auth_failed");
    expect(end?.error).toMatch(/did not accept the deploy key for user/);
  });

  it("nothing listening: unreachable", async () => {
    const runner = h.runner("ssh", { HOMEY_DEPLOY_PORT: String(await freePort()) });
    const sha = await h.repo.commit(generatedFiles({ services: { nowhere: true } }));
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const end = await runner.waitFor(deployId);
    expect(end?.status).toBe("unreachable");
    expect(end?.error).toMatch(/ECONNREFUSED/);
  });

  it("the SSH session killed mid-deploy: connection lost, the log so far kept", async () => {
    const runner = h.runner("ssh");
    const { deployId, runId } = await startSlowDeploy(runner, "dropped");
    const before = await linesSoFar(runner, deployId);
    for (const pid of h.rig.sshd!.sessionPids()) process.kill(pid, "SIGKILL");
    const end = await runner.waitFor(deployId);
    expect(end?.status).toBe("connection_lost");
    expect(end?.error).toMatch(/^connection lost/);
    const stored = await h.storedLines(deployId);
    expect(stored.slice(0, before.length)).toEqual(before);
    expect(stored.some((l) => BUILD_LINE.test(l))).toBe(true);
    // The pty went away with the session: the remote command got SIGHUP.
    expect(await eventually(() => h.rig.standin.processesOfRun(runId).length === 0)).toBe(true);
  });

  it("a second deploy while one runs is refused with the running deploy's id", async () => {
    const runner = h.runner("ssh");
    const { deployId } = await startSlowDeploy(runner, "first");
    const sha = await h.repo.commit(generatedFiles({ services: { second: true } }));
    const attempt = runner.start({ action: "switch", commitSha: sha, actor: "bob" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "DEPLOY_BUSY", details: { deployId } });
    expect(await h.db.prisma.deploy.count({ where: { commitSha: sha } })).toBe(0);
    runner.cancel(deployId);
    expect((await runner.waitFor(deployId))?.status).toBe("cancelled");
  });

  it("after a restart, a deploy left running is marked interrupted and keeps its log", async () => {
    const row = await h.db.prisma.deploy.create({
      data: {
        commitSha: "a".repeat(40),
        action: "switch",
        status: "running",
        actor: "alice",
        transport: "ssh",
        target: "ssh root@127.0.0.1:22",
        lines: { create: [{ seq: 1, text: "building the system configuration..." }, { seq: 2, text: "homey-services> checking" }] },
      },
    });
    const freshProcess = h.runner("ssh");
    expect(await freshProcess.recoverInterrupted()).toEqual([row.id]);
    const after = await h.db.prisma.deploy.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("interrupted");
    expect(after.finishedAt).not.toBeNull();
    expect(await h.storedLines(row.id)).toEqual([
      "building the system configuration...",
      "homey-services> checking",
      expect.stringMatching(/^homey-admin: interrupted: homey-admin restarted/),
    ]);
    // Finished deploys are left alone.
    expect(await freshProcess.recoverInterrupted()).toEqual([]);
  });
});

describe("the rig itself", () => {
  it("its fingerprint is the one ssh-keyscan sees", () => {
    const scan = execFileSync("sh", ["-c", `ssh-keyscan -t ed25519 -p ${h.rig.sshd!.port} 127.0.0.1 2>/dev/null | ssh-keygen -lf -`]);
    expect(scan.toString()).toContain(h.rig.sshd!.hostKeyFingerprint);
  });
});
