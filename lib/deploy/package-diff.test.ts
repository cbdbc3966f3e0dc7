// The package comparison script against real programs: a target with neither tool says so;
// one with Nix runs `nix store diff-closures` (here it fails: this machine has no
// /run/current-system, and the failure is reported as such, not as "no changes").
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseActivationPreview } from "./activation-preview";
import { loadDeployTarget } from "./config";
import { packageChangeLines, packageDiffArgv, parsePackageDiffOutput, readPackageChanges } from "./package-diff";

const OUT = "/nix/store/ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-pi-main";
const bare = mkdtempSync(path.join(os.tmpdir(), "homey-pkgdiff-"));
symlinkSync("/bin/sh", path.join(bare, "sh"));
afterAll(() => rmSync(bare, { recursive: true, force: true }));
const local = loadDeployTarget({ HOMEY_DEPLOY_TRANSPORT: "local", HOMEY_DEPLOY_FLAKE_REPO: "/srv/homey", HOMEY_DEPLOY_FLAKE_ATTR: "pi-main" });

describe("package changes of a preview's build", () => {
  it("a target with neither nvd nor Nix's diff-closures says so", async () => {
    const changes = await readPackageChanges(local, OUT, { env: { ...process.env, PATH: bare } });
    expect(changes).toEqual({ tool: null, reason: "neither nvd nor nix store diff-closures is on the target" });
    expect(parseActivationPreview(packageChangeLines(changes)).packages).toEqual(changes);
  });

  it("with Nix on the target, diff-closures runs; its failure is reported as a failure with Nix's words", async () => {
    const changes = await readPackageChanges(local, OUT, { env: { ...process.env, PATH: "/usr/bin:/bin" } });
    expect(changes).toMatchObject({ tool: "nix store diff-closures", ok: false });
    const seen = parseActivationPreview(packageChangeLines(changes)).packages;
    expect(seen).toMatchObject({ tool: "nix store diff-closures", ok: false });
    expect(seen && seen.tool !== null && seen.lines.join("\n")).toMatch(/error/);
    // Nix's own reason (no such system here), not "nix-command is disabled": the script enables it per call.
    expect(seen && seen.tool !== null && seen.lines.join("\n")).not.toMatch(/experimental Nix feature/);
  });

  it("reads nvd's output into the preview's picture, capped", () => {
    const nvd = ["tool: nvd diff", "<<< /run/current-system", ">>> " + OUT, "Version changes:", "[U.]  #1  grafana  11.5.2 -> 11.6.0", "Closure size: 1523 -> 1524 (5 paths added, 4 paths removed, delta +1, disk usage +1.2MiB)."].join("\n");
    const changes = parsePackageDiffOutput(0, `${nvd}\n`);
    expect(changes).toMatchObject({ tool: "nvd diff", ok: true, truncated: false });
    const seen = parseActivationPreview(packageChangeLines(changes)).packages;
    expect(seen).toEqual({ tool: "nvd diff", ok: true, lines: nvd.split("\n").slice(1) });
    const many = parsePackageDiffOutput(0, ["tool: nix store diff-closures", ...Array.from({ length: 500 }, (_, i) => `pkg${i}: 1 → 2`)].join("\n"));
    expect(many).toMatchObject({ truncated: true });
    expect(many.tool !== null && many.lines).toHaveLength(200);
  });

  it("only a store path becomes the script's argument", () => {
    expect(packageDiffArgv(OUT).at(-1)).toBe(OUT);
    expect(() => packageDiffArgv("/nix/store/x; reboot")).toThrow("not a store path");
  });
});
