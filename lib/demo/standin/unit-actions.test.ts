// The stand-in's switch-to-configuration tells the truth: its dry-activate and switch lines
// come from the actual difference between the running system (the last activation) and
// the new one, as NixOS's do. Real stand-in runs: real nix build, real profile, real state.
import { execFile } from "node:child_process";
import { mkdtempSync, realpathSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHomeyRepo, generatedFiles, type HomeyRepo } from "@/scripts/test-rig/homey-repo";
import { startTestRig, type TestRig } from "@/scripts/test-rig/rig";
import { standinActivationEnv, standinCommand } from "@/scripts/test-rig/standin";

const run = promisify(execFile);
let rig: TestRig;
let repo: HomeyRepo;

beforeAll(async () => {
  rig = await startTestRig({ sshd: false });
  repo = await createHomeyRepo(`${rig.dir}/homey`);
});
afterAll(async () => rig?.stop());

/** generated/ with services, vhosts and access rules (the test repo's helper has no rules). */
function files(values: { services: Record<string, boolean>; virtualHosts?: Record<string, { port: number }>; rules?: string[] }) {
  const rules = (values.rules ?? []).map((d, i) => `{ priority = ${i + 10}; domain = [ "${d}.\${domain}" ]; policy = "bypass"; }`).join(" ");
  return {
    ...generatedFiles(values),
    "generated/default.nix": "{ ... }:\n{\n  imports = [ ./services.nix ./vhosts.nix ./backup.nix ./access-rules.nix ];\n}\n",
    "generated/access-rules.nix": `{ domain, ... }:\n{\n  homey.authelia.accessControlRules = [ ${rules} ];\n}\n`,
  };
}

async function standin(args: string[], cwd?: string): Promise<string[]> {
  // stderr into stdout, in order: the lines' order is part of what is tested.
  const { stdout } = await run("bash", ["-c", 'exec "$0" "$@" 2>&1', standinCommand(), ...args], {
    env: { ...process.env, ...rig.standin.env },
    cwd,
    maxBuffer: 16 << 20,
  });
  return stdout.split("\n");
}
const flake = (sha: string) => `git+file://${repo.path}?rev=${sha}#pi-main`;
const unitLines = (lines: string[]) => lines.filter((l) => /(following|changed) units|new units were started/.test(l));

const base = { services: { caddy: true, authelia: true, grafana: true, "uptime-kuma": false, "homey-admin": true }, virtualHosts: { grafana: { port: 3002 } }, rules: ["grafana"] };

describe("stand-in switch-to-configuration: unit actions from the real difference", () => {
  it("first switch starts every unit; then each kind of change gives NixOS's action and nothing else", async () => {
    const first = await standin(["switch", "--flake", flake(await repo.commit(files(base)))]);
    expect(unitLines(first)).toEqual([
      "the following new units were started: caddy.service, grafana.service, homey-admin.service, podman-authelia.service",
    ]);

    // grafana off: exactly grafana stops (its vhost stays: nothing else changed).
    const off = await repo.commit(files({ ...base, services: { ...base.services, grafana: false } }));
    expect(unitLines(await standin(["dry-activate", "--flake", flake(off)]))).toEqual(["would stop the following units: grafana.service"]);
    // dry-activate changed nothing: the same preview again.
    expect(unitLines(await standin(["dry-activate", "--flake", flake(off)]))).toEqual(["would stop the following units: grafana.service"]);

    // A vhost port change: Caddy reloads (nixpkgs' caddy reloadTriggers), nothing restarts.
    const port = await repo.commit(files({ ...base, virtualHosts: { grafana: { port: 3009 } } }));
    expect(unitLines(await standin(["dry-activate", "--flake", flake(port)]))).toEqual(["would reload the following units: caddy.service"]);

    // An access rule change: the Authelia container is stopped and started (NIXOS_CONFIG_HASH).
    const rule = await repo.commit(files({ ...base, rules: ["grafana", "status"] }));
    expect(unitLines(await standin(["dry-activate", "--flake", flake(rule)]))).toEqual([
      "would stop the following units: podman-authelia.service",
      "would start the following units: podman-authelia.service",
    ]);

    // A service switched on: a new unit starts.
    const on = await repo.commit(files({ ...base, services: { ...base.services, "uptime-kuma": true } }));
    expect(unitLines(await standin(["dry-activate", "--flake", flake(on)]))).toEqual([
      "would start the following units: podman-uptime-kuma.service, uptime-kuma-sync.service",
    ]);
  }, 120_000);

  it("switch prints the same decisions around the activation, and the next preview is against what now runs", async () => {
    const off = await repo.commit(files({ ...base, services: { ...base.services, grafana: false }, virtualHosts: { grafana: { port: 3010 } } }));
    const lines = await standin(["switch", "--flake", flake(off)]);
    const stopAt = lines.indexOf("stopping the following units: grafana.service");
    const activateAt = lines.indexOf("activating the configuration...");
    const reloadAt = lines.indexOf("reloading the following units: caddy.service");
    expect(stopAt).toBeGreaterThan(-1);
    expect(activateAt).toBeGreaterThan(stopAt);
    expect(reloadAt).toBeGreaterThan(activateAt);
    expect(unitLines(lines)).toHaveLength(2);
    expect(rig.standin.readActivated()?.configuration.rev).toBe(off);

    expect(unitLines(await standin(["dry-activate", "--flake", flake(off)]))).toEqual([]);
  }, 120_000);

  it("a built system activates without the stand-in nixos-rebuild, as nixos-rebuild does after a build (nix-env --set, then switch-to-configuration)", async () => {
    const sha = await repo.commit(files(base));
    // As nixos-25.05's default (bash) nixos-rebuild: dry-activate never says where its build is …
    const preview = await standin(["dry-activate", "--flake", flake(sha)]);
    expect(preview.filter((l) => l.startsWith("Done."))).toEqual([]);
    // … and `build` leaves ./result in the working directory, printing no result line either.
    const cwd = mkdtempSync(path.join(rig.dir, "build-"));
    expect((await standin(["build", "--flake", flake(sha)], cwd)).filter((l) => l.startsWith("Done."))).toEqual([]);
    const built = realpathSync(path.join(cwd, "result"));
    // Imitating nixos-rebuild-ng: "Done. The new configuration is" (stderr) and the path (stdout), after build and dry-activate.
    rig.standin.setOptions({ nixosRebuild: "ng" });
    try {
      // (Every run builds anew, HOMEY_STANDIN_FORCE_REBUILD: a new path each time.)
      const done = /^Done\. The new configuration is (\/\S+\/nix\/store\/[0-9a-z]{32}-nixos-system-pi-main-homey-standin)$/;
      const dry = (await standin(["dry-activate", "--flake", flake(sha)])).filter((l) => l.startsWith("Done."));
      expect(dry).toHaveLength(1);
      expect(dry[0]).toMatch(done);
      const build = (await standin(["build", "--flake", flake(sha)], cwd)).filter((l) => l.startsWith("Done."));
      expect(build).toHaveLength(1);
      expect(done.exec(build[0])?.[1]).toBe(realpathSync(path.join(cwd, "result")));
    } finally {
      rig.standin.setOptions({});
    }
    const deployEnv = standinActivationEnv(rig.standin);
    // Only the rig's environment (HOMEY_STANDIN_STATE_DIR, …): the settings come from the state dir, as under nixos-rebuild.
    const env = { ...process.env, ...rig.standin.env };
    await run(deployEnv.HOMEY_DEPLOY_NIX_ENV, ["-p", deployEnv.HOMEY_DEPLOY_SYSTEM_PROFILE, "--set", built], { env });
    const { stdout } = await run("sh", ["-c", 'exec "$0" switch 2>&1', `${built}/bin/switch-to-configuration`], { env });
    const lines = stdout.split("\n");
    // Running: grafana off, its vhost on 3009 (the test before). Back to base: grafana is new, Caddy reloads.
    expect(unitLines(preview)).toEqual(["would reload the following units: caddy.service", "would start the following units: grafana.service"]);
    expect(unitLines(lines)).toEqual(["reloading the following units: caddy.service", "the following new units were started: grafana.service"]);
    expect(rig.standin.readActivated()?.system).toBe(built);
    // The stand-in nixos-rebuild no longer takes a store path (neither NixOS's nixos-rebuild does).
    const refused = await standin(["switch", "--store-path", built]).then(
      () => "accepted",
      (error: { stdout?: string }) => error.stdout ?? "",
    );
    expect(refused).toMatch(/unknown argument '--store-path'/);
  }, 120_000);
});
