// The runner with the LOCAL transport (the app on the Pi itself, demo mode) against the
// stand-in nixos-rebuild: real `nix build` in a private store, real profile generations.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { generatedFiles } from "@/scripts/test-rig/homey-repo";
import { standinRunId } from "@/scripts/test-rig/standin";
import type { BusEvent } from "./log-bus";
import { type DeployHarness, eventually, startDeployHarness, waitForLine } from "./testing/deploy-harness";

let h: DeployHarness;

beforeAll(async () => {
  h = await startDeployHarness({ sshd: false });
});
afterAll(async () => h?.stop());
afterEach(() => h.rig.standin.setOptions({}));

describe("deploy runner, local transport + stand-in", () => {
  it("switches to exactly what the commit sets, streaming lines while the build runs", async () => {
    h.rig.standin.setOptions({ stepDelaySeconds: 0.1 });
    const sha = await h.repo.commit(
      generatedFiles({ services: { grafana: true, jellyfin: false }, virtualHosts: { grafana: { port: 3000 } }, extraPaths: ["/srv/photos"] }),
    );
    const runner = h.runner("local");
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });

    const arrivals: { at: number; event: BusEvent }[] = [];
    runner.bus.subscribe(deployId, 1, (event) => arrivals.push({ at: Date.now(), event }));
    const end = await runner.waitFor(deployId);
    expect(end).toEqual({ status: "succeeded", exitCode: 0, error: null });

    // Live: the first build log line came well before the end, not in one burst at the end.
    await eventually(() => arrivals.some((a) => a.event.type === "end"));
    const firstBuildLine = arrivals.find((a) => a.event.type === "line" && /^homey-\S+> /.test(a.event.text))!;
    const endAt = arrivals.find((a) => a.event.type === "end")!.at;
    expect(endAt - firstBuildLine.at).toBeGreaterThan(500);

    const activated = h.rig.standin.readActivated()!;
    expect(activated.action).toBe("switch");
    expect(activated.configuration.rev).toBe(sha);
    expect(activated.configuration.homey).toEqual({
      services: { grafana: { enable: true }, jellyfin: { enable: false } },
      caddy: { virtualHosts: { grafana: { host: "grafana.example.test", port: 3000, auth: true } } },
      backup: { extraPaths: ["/srv/photos"] },
    });

    const row = await h.db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } });
    expect(row).toMatchObject({ status: "succeeded", action: "switch", commitSha: sha, actor: "alice", transport: "local", exitCode: 0 });
    expect(row.finishedAt).not.toBeNull();

    const stored = await h.storedLines(deployId);
    const streamed = arrivals.flatMap((a) => (a.event.type === "line" ? [a.event.text] : []));
    expect(streamed).toEqual(stored);
    expect(stored[0]).toBe(`homey-admin: switch of commit ${sha} on local, started by alice`);
    expect(stored).toContain("homey-services> service grafana: enabled");
    expect(stored).toContain("activating the configuration...");
    expect(stored.some((l) => l.startsWith("@nix "))).toBe(false);

    const progress = arrivals.filter((a) => a.event.type === "progress").map((a) => (a.event as Extract<BusEvent, { type: "progress" }>).progress);
    expect(progress.some((p) => p.phase === "building" && p.derivations.done < p.derivations.expected)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: "done", derivations: { done: 6, expected: 6, failed: 0 } });
  });

  it("a real Nix build failure: status failed with the exit code, Nix's error in the log, nothing activated", async () => {
    const before = h.rig.standin.readActivated();
    const sha = await h.repo.commit(generatedFiles({ services: { grafana: true }, virtualHosts: { broken: { port: 70000 } } }));
    const runner = h.runner("local");
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    const end = await runner.waitFor(deployId);
    expect(end?.status).toBe("failed");
    expect(end?.exitCode).toBe(1);
    expect(end?.error).toMatch(/^nixos-rebuild exited with code 1 \(error: builder for '.*-homey-virtual-hosts\.drv' failed/);
    const stored = await h.storedLines(deployId);
    expect(stored).toContain("homey-virtual-hosts> error: homey.caddy.virtualHosts.broken.port = 70000 is not a TCP port (1-65535)");
    expect(h.rig.standin.readActivated()).toEqual(before);
  });

  it("exit 4 (switched, but units failed): its own status, the failed units named, the switch counted as active", async () => {
    h.rig.standin.setOptions({ failUnits: ["grafana.service", "immich.service"] });
    const sha = await h.repo.commit(generatedFiles({ services: { grafana: true, immich: true } }));
    const runner = h.runner("local");
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "alice" });
    expect(await runner.waitFor(deployId)).toEqual({
      status: "units_failed",
      exitCode: 4,
      error: "switched, but these units failed: grafana.service, immich.service",
    });
    expect(h.rig.standin.readActivated()?.configuration.rev).toBe(sha);
    expect((await h.storedLines(deployId)).at(-1)).toMatch(
      /^homey-admin: deploy switched, units failed after \d+\.\d s: switched, but these units failed: grafana\.service, immich\.service$/,
    );
  });

  it("cancel stops the stand-in, nix and the builders (the whole process group)", async () => {
    h.rig.standin.setOptions({ stepDelaySeconds: 30 });
    const sha = await h.repo.commit(generatedFiles({ services: { slow: true } }));
    const runner = h.runner("local");
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "bob" });
    await waitForLine(runner.bus, deployId, /^homey-\S+> checking/);
    const runId = standinRunId(await collectLines(runner, deployId))!;
    expect(h.rig.standin.processesOfRun(runId).length).toBeGreaterThan(0);

    expect(runner.cancel(deployId)).toBe(true);
    const end = await runner.waitFor(deployId);
    expect(end?.status).toBe("cancelled");
    expect(await eventually(() => h.rig.standin.processesOfRun(runId).length === 0)).toBe(true);
    expect(runner.current()).toBeNull();
  });

  it("rollback is a real profile rollback: the previous generation is active again", async () => {
    const runner = h.runner("local");
    const first = await h.repo.commit(generatedFiles({ services: { first: true } }));
    const second = await h.repo.commit(generatedFiles({ services: { second: true } }));
    for (const sha of [first, second]) {
      const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "carol" });
      expect((await runner.waitFor(deployId))?.status).toBe("succeeded");
    }
    expect(h.rig.standin.readActivated()!.configuration.rev).toBe(second);
    const { deployId } = await runner.start({ action: "rollback", commitSha: first, actor: "carol" });
    expect((await runner.waitFor(deployId))?.status).toBe("succeeded");
    expect(h.rig.standin.readActivated()!.configuration.rev).toBe(first);
    const row = await h.db.prisma.deploy.findUniqueOrThrow({ where: { id: deployId } });
    expect(row).toMatchObject({ action: "rollback", commitSha: first });
    expect(await h.storedLines(deployId)).toContain(`$ ${process.cwd()}/lib/demo/standin/bin/nixos-rebuild switch --rollback --log-format internal-json -v`);
  });

  it("a missing nixos-rebuild: failed with the reason, and the runner is free again", async () => {
    const runner = h.runner("local", { HOMEY_DEPLOY_COMMAND: "/nonexistent/nixos-rebuild" });
    const sha = await h.repo.commit(generatedFiles({ services: { missing: true } }));
    const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "dave" });
    // A switch runs through the script that lets go of preview roots (command.ts): it names the missing program itself.
    expect(await runner.waitFor(deployId)).toEqual({
      status: "failed",
      exitCode: 127,
      error: "nixos-rebuild exited with code 127 (error: could not start /nonexistent/nixos-rebuild: no such program on the target (HOMEY_DEPLOY_COMMAND))",
    });
    const log = (await h.db.prisma.deployLogLine.findMany({ where: { deployId }, orderBy: { seq: "asc" } })).map((l) => l.text);
    expect(log).toContain("error: could not start /nonexistent/nixos-rebuild: no such program on the target (HOMEY_DEPLOY_COMMAND)");
    expect(runner.current()).toBeNull();
  });

  it("refuses to start (and records nothing) with bad settings or a bad request", async () => {
    const count = await h.db.prisma.deploy.count();
    const badConfig = h.runner("local", { HOMEY_DEPLOY_FLAKE_ATTR: "pi-main; reboot" });
    await expect(badConfig.start({ action: "switch", commitSha: "a".repeat(40), actor: "eve" })).rejects.toMatchObject({
      code: "DEPLOY_CONFIG",
    });
    const runner = h.runner("local");
    await expect(runner.start({ action: "switch", commitSha: "HEAD", actor: "eve" })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(runner.start({ action: "reboot" as never, commitSha: "a".repeat(40), actor: "eve" })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(runner.start({ action: "switch", actor: "eve" })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await h.db.prisma.deploy.count()).toBe(count);
  });
});

/** Everything logged so far (replayed from the bus). */
async function collectLines(runner: ReturnType<DeployHarness["runner"]>, deployId: number): Promise<string[]> {
  const lines: string[] = [];
  const unsubscribe = runner.bus.subscribe(deployId, 1, (e) => e.type === "line" && lines.push(e.text));
  await new Promise((r) => setTimeout(r, 20));
  unsubscribe();
  return lines;
}
