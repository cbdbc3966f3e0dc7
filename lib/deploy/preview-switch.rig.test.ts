// Preview before switch over the loopback rig (local and ssh transports, the real stand-in): the
// preview lists exactly the units the change affects, and confirming it activates that very
// build without building again, as nixos-rebuild does after its build: a new generation of
// the system profile, then switch-to-configuration, so a rollback afterwards steps back.
// Run with the stand-in imitating both nixos-rebuilds: nixos-25.05's default (bash), which
// never says where a dry-activate's build is, and nixos-rebuild-ng. Garbage collection between
// preview and confirm cannot take the build: the preview keeps a GC root for it.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { promisify } from "node:util";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTimeline } from "@/lib/audit/timeline";
import { standinDir, standinPreviewRoots } from "@/lib/demo/standin";
import { adminAs } from "@/lib/testing/admin-context";
import { generatedFiles } from "@/scripts/test-rig/homey-repo";
import { parseActivationPreview } from "./activation-preview";
import { loadPreviewForSwitch, switchFromPreview } from "./preview-switch";
import { type DeployHarness, startDeployHarness } from "./testing/deploy-harness";

const run = promisify(execFile);

let h: DeployHarness;
beforeAll(async () => {
  h = await startDeployHarness({ sshd: true });
});
afterAll(async () => h?.stop());

/** A real garbage collection of the stand-in's private store: what is not rooted goes. */
async function collectGarbage(): Promise<string> {
  const { stdout, stderr } = await run("bash", ["-c", '. "$0" && nix-store --gc', `${standinDir()}/nix-env.sh`], { env: { ...process.env, ...h.rig.standin.env } });
  return `${stdout}${stderr}`;
}

/** The builds the preview roots keep (their result links' targets). */
function keptBuilds(): string[] {
  const roots = standinPreviewRoots(h.rig.standin.stateDir);
  if (!existsSync(roots)) return [];
  return readdirSync(roots).map((d) => readlinkSync(path.join(roots, d, "result")));
}

const services = { caddy: true, grafana: true, prometheus: true };
/** A line Nix prints per derivation it builds (the stand-in's build log). */
const buildLines = (lines: string[]) => lines.filter((l) => /^homey-[a-z-]+> /.test(l) || l.includes("building the system configuration"));

/** The stand-in's system profile (a real Nix profile): its current generation and the system it points to. */
function profileNow(): { generation: number; system: string } {
  const profile = path.join(h.rig.standin.stateDir, "profiles", "system");
  const link = readlinkSync(profile);
  const match = /^system-(\d+)-link$/.exec(link);
  if (!match) throw new Error(`unexpected profile link ${link}`);
  return { generation: Number(match[1]), system: readlinkSync(path.join(path.dirname(profile), link)) };
}

const CASES = [
  ["local", "bash"],
  ["ssh", "bash"],
  ["local", "ng"],
  ["ssh", "ng"],
] as const;

describe.each(CASES)("preview, then switch to the previewed build (%s transport, %s nixos-rebuild)", (transport, flavour) => {
  beforeAll(() => h.rig.standin.setOptions({ nixosRebuild: flavour }));
  afterAll(() => h.rig.standin.setOptions({}));

  it("grafana off: the preview would stop grafana.service and nothing else; GC cannot take its build; confirming switches to that build with no build", async () => {
    const runner = h.runner(transport);
    const admin = adminAs(h.db.prisma, "alice");
    const on = await h.repo.commit(generatedFiles({ services, virtualHosts: { grafana: { port: 3002 } } }));
    const first = await runner.start({ action: "switch", commitSha: on, actor: "alice" });
    expect((await runner.waitFor(first.deployId))?.status).toBe("succeeded");

    const off = await h.repo.commit(generatedFiles({ services: { ...services, grafana: false }, virtualHosts: { grafana: { port: 3002 } } }));
    const { deployId: previewId } = await runner.start({ action: "dry-activate", commitSha: off, actor: "alice" });
    expect((await runner.waitFor(previewId))?.status).toBe("succeeded");
    const previewLines = await h.storedLines(previewId);
    expect(buildLines(previewLines).length).toBeGreaterThan(0);
    const preview = parseActivationPreview(previewLines);
    expect(preview).toMatchObject({ stop: ["grafana.service"], start: [], restart: [], reload: [], notRestarted: [], outages: [], empty: false });
    expect(preview.outPath).toMatch(/\/nix\/store\/[0-9a-z]{32}-nixos-system-pi-main-homey-standin$/);
    // What the stand-in printed of its own: bash 25.05 nothing, -ng its "Done." line; the preview's marker either way.
    expect(previewLines.filter((l) => l.startsWith("Done. The new configuration is")).length > 0).toBe(flavour === "ng");
    expect(previewLines.filter((l) => l.includes(`homey-admin: preview built ${preview.outPath} `))).toHaveLength(1);
    expect(previewLines[1]).toMatch(/^\$ cd .*\/gcroots\/homey-admin\/preview-XXXXXXXX && \S+ build --flake git\+file:\/\/.* && \$\(readlink -f result\)\/bin\/switch-to-configuration dry-activate$/);
    // A GC root for exactly that build, and a real collection in between leaves it in the store.
    expect(keptBuilds()).toEqual([preview.outPath]);
    const gc = await collectGarbage();
    expect(gc).toMatch(/store paths deleted/);
    expect(gc).not.toContain(preview.outPath!);
    // Nothing was activated by the preview, and the profile did not move.
    expect(h.rig.standin.readActivated()?.configuration.rev).toBe(on);
    const before = profileNow();
    const onSystem = h.rig.standin.readActivated()!.system;
    expect(before.system).toBe(onSystem);

    const { deployId: switchId } = await switchFromPreview(admin, runner, previewId);
    expect(await runner.waitFor(switchId)).toEqual({ status: "succeeded", exitCode: 0, error: null });
    const switchLines = await h.storedLines(switchId);
    expect(switchLines[0]).toContain(`switch of commit ${off} (reusing the preview's build ${preview.outPath}, no new build) on `);
    expect(buildLines(switchLines)).toEqual([]);
    // What nixos-rebuild does once built, and no nixos-rebuild run: no stand-in nixos-rebuild line.
    expect(switchLines).toContain(`$ ${h.rig.env[transport].HOMEY_DEPLOY_NIX_ENV} -p ${path.join(h.rig.standin.stateDir, "profiles", "system")} --set ${preview.outPath} && ${preview.outPath}/bin/switch-to-configuration switch`);
    expect(switchLines.some((l) => l.startsWith("stand-in nixos-rebuild"))).toBe(false);
    expect(switchLines).toContain("stopping the following units: grafana.service");
    expect(switchLines.filter((l) => /following units|new units were started/.test(l))).toEqual(["stopping the following units: grafana.service"]);
    const activated = h.rig.standin.readActivated()!;
    expect(activated.system).toBe(preview.outPath);
    expect(activated.configuration.rev).toBe(off);
    const row = await h.db.prisma.deploy.findUniqueOrThrow({ where: { id: switchId } });
    expect(row).toMatchObject({ action: "switch", commitSha: off, status: "succeeded" });

    // Both on the history timeline, as sentences; the preview's deploy row is not repeated.
    const timeline = (await listTimeline(admin, { area: undefined, take: 10 })).entries.map((e) => `${e.actor} ${e.text}`);
    expect(timeline).toContain(`alice previewed deploy of ${off.slice(0, 7)}: stops grafana.service`);
    expect(timeline).toContain(`alice confirmed the switch to ${off.slice(0, 7)} (built by preview #${previewId}) · deploy #${switchId}`);
    expect(timeline.filter((t) => t.includes(`deploy #${previewId}`) || t.startsWith(`alice previewed deploy of ${off.slice(0, 7)}`))).toHaveLength(1);

    // A real generation of the system profile: the next one, pointing at the previewed build.
    expect(profileNow()).toEqual({ generation: before.generation + 1, system: preview.outPath });
    // Confirmed: the profile holds the build now, the preview's root is let go.
    expect(keptBuilds()).toEqual([]);

    // That preview is spent: the system it compared against no longer runs.
    await expect(loadPreviewForSwitch(admin, previewId)).rejects.toThrow(`Deploy #${switchId} (switch) ran after this preview`);

    // And a rollback afterwards goes back to the system that ran before the confirmed switch.
    const back = await runner.start({ action: "rollback", commitSha: on, actor: "alice" });
    expect((await runner.waitFor(back.deployId))?.status).toBe("succeeded");
    expect(profileNow()).toEqual({ generation: before.generation, system: onSystem });
    expect(h.rig.standin.readActivated()).toMatchObject({ system: onSystem, configuration: { rev: on } });
  }, 240_000);

  it("a newer preview supersedes an older one: only its build stays rooted, the older one cannot be confirmed", async () => {
    const runner = h.runner(transport);
    const admin = adminAs(h.db.prisma, "alice");
    const a = await h.repo.commit(generatedFiles({ services: { ...services, prometheus: false } }));
    const older = await runner.start({ action: "dry-activate", commitSha: a, actor: "alice" });
    expect((await runner.waitFor(older.deployId))?.status).toBe("succeeded");
    const b = await h.repo.commit(generatedFiles({ services: { ...services, caddy: false } }));
    const newer = await runner.start({ action: "dry-activate", commitSha: b, actor: "alice" });
    expect((await runner.waitFor(newer.deployId))?.status).toBe("succeeded");
    const newerPreview = await loadPreviewForSwitch(admin, newer.deployId);
    expect(keptBuilds()).toEqual([newerPreview.preview.outPath]);
    await expect(loadPreviewForSwitch(admin, older.deployId)).rejects.toThrow(`The preview #${newer.deployId} ran after this one and superseded it`);
  }, 240_000);

  it("refuses a preview that is not a succeeded dry-activate", async () => {
    const runner = h.runner(transport);
    const admin = adminAs(h.db.prisma, "alice");
    const sha = await h.repo.commit(generatedFiles({ services, virtualHosts: { broken: { port: 70000 } } }));
    const { deployId } = await runner.start({ action: "dry-activate", commitSha: sha, actor: "alice" });
    expect((await runner.waitFor(deployId))?.status).toBe("failed");
    await expect(loadPreviewForSwitch(admin, deployId)).rejects.toThrow(`The preview #${deployId} did not succeed (failed)`);
    await expect(loadPreviewForSwitch(admin, 99_999)).rejects.toThrow("Deploy #99999 does not exist.");
  }, 120_000);
});
