// The parser against REAL Nix output captured from Debian's nix-bin 2.8 (see
// scripts/test-rig/capture-nix-fixtures.sh). Assertions are on structure, not hashes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivationName, NixLogParser, parseNixLog } from "./internal-json";

function fixture(name: string): string[] {
  const text = readFileSync(path.join(__dirname, "__fixtures__", name), "utf8");
  return text.split("\n").filter((line, i, all) => line !== "" || i < all.length - 1);
}

const ESC = "\x1b";

describe("internal-json parser on a real stand-in switch", () => {
  const lines = fixture("standin-switch-success.log");
  const { lines: rendered, progress } = parseNixLog(lines);
  const texts = rendered.map((l) => l.text);

  it("counts every derivation of the closure as built", () => {
    expect(progress.derivations).toEqual({ done: 6, expected: 6, running: 0, failed: 0 });
    expect(progress.builds.map((b) => b.name).sort()).toEqual([
      "homey-access-rules",
      "homey-backup",
      "homey-monitors",
      "homey-services",
      "homey-virtual-hosts",
      "nixos-system-pi-main-homey-standin",
    ]);
    expect(progress.builds.every((b) => b.status === "succeeded")).toBe(true);
    expect(progress.currentBuild).toBeNull();
    expect(progress.errors).toEqual([]);
  });

  it("keeps each derivation's build log lines, prefixed like `nix build -L`", () => {
    const services = progress.builds.find((b) => b.name === "homey-services")!;
    expect(services.logTail).toEqual([
      "checking services (2 entries)",
      "service grafana: enabled",
      "service jellyfin: enabled",
    ]);
    expect(texts).toContain("homey-services> service grafana: enabled");
    expect(rendered.find((l) => l.text === "homey-services> service grafana: enabled")?.build).toBe("homey-services");
  });

  it("passes plain lines through and ends in the activating phase", () => {
    expect(texts).toContain("building the system configuration...");
    expect(texts).toContain("activating the configuration...");
    expect(texts).toContain("restarting the following units: grafana.service, jellyfin.service");
    expect(progress.phase).toBe("activating");
  });

  it("renders Nix messages and activity texts, never JSON or escape codes", () => {
    expect(texts.some((t) => t.startsWith("@nix"))).toBe(false);
    expect(texts.some((t) => t.includes(ESC))).toBe(false);
    expect(texts.some((t) => /^building '.*-homey-services\.drv'$/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith("warning: not writing modified lock file"))).toBe(true);
    // A multi-line Nix message becomes several lines.
    expect(texts.some((t) => t.startsWith("• Added input 'homey':"))).toBe(true);
    // Level-6 activities ("querying info about missing paths") are not shown at -v.
    expect(texts).not.toContain("querying info about missing paths");
  });

  it("moves through evaluating → building → activating while lines arrive", () => {
    const parser = new NixLogParser();
    const phases: string[] = [];
    for (const line of lines) {
      parser.push(line);
      const phase = parser.snapshot().phase;
      if (phases.at(-1) !== phase) phases.push(phase);
    }
    expect(phases).toEqual(["evaluating", "building", "activating"]);
    parser.finish();
    expect(parser.snapshot().phase).toBe("done");
  });

  it("names the derivation being built while it builds", () => {
    const parser = new NixLogParser();
    const seen = new Set<string>();
    for (const line of lines) {
      parser.push(line);
      const current = parser.snapshot().currentBuild;
      if (current) seen.add(current);
    }
    expect(seen).toContain("homey-virtual-hosts");
    expect(seen).toContain("nixos-system-pi-main-homey-standin");
  });
});

describe("internal-json parser on real failures", () => {
  it("a builder that exits 1: the build is failed, its error line and Nix's error kept", () => {
    const { lines, progress } = parseNixLog(fixture("standin-build-failure.log"));
    const failed = progress.builds.filter((b) => b.status === "failed").map((b) => b.name);
    expect(failed).toEqual(["homey-virtual-hosts"]);
    expect(progress.derivations.failed).toBe(1);
    const vhosts = progress.builds.find((b) => b.name === "homey-virtual-hosts")!;
    expect(vhosts.logTail.at(-1)).toBe("error: homey.caddy.virtualHosts.broken.port = 70000 is not a TCP port (1-65535)");
    expect(progress.errors[0]).toMatch(/^error: builder for '.*-homey-virtual-hosts\.drv' failed with exit code 1$/);
    expect(progress.errors[1]).toMatch(/dependencies of derivation '.*nixos-system-pi-main-homey-standin\.drv' failed to build/);
    expect(lines.map((l) => l.text)).toContain(
      "homey-virtual-hosts> error: homey.caddy.virtualHosts.broken.port = 70000 is not a TCP port (1-65535)",
    );
  });

  it("an evaluation error: no build starts, the located message is kept whole", () => {
    const { lines, progress } = parseNixLog(fixture("standin-eval-error.log"));
    expect(progress.phase).toBe("evaluating");
    expect(progress.buildsStarted).toBe(0);
    expect(progress.errors[0]).toMatch(/^error: undefined variable 'undefinedThing'/);
    expect(progress.errors[0]).toMatch(/generated\/services\.nix:1:\d+/);
    const texts = lines.map((l) => l.text);
    expect(texts).toContain("error: undefined variable 'undefinedThing'");
    expect(texts.some((t) => t.includes("jellyfin.enable = undefinedThing"))).toBe(true);
  });

  it("nix-build --keep-going: one failed, one built, the dependent one never started", () => {
    const { progress } = parseNixLog(fixture("nix-build-keep-going-failure.log"));
    const byName = Object.fromEntries(progress.builds.map((b) => [b.name, b.status]));
    expect(byName).toEqual({ "broken-tool": "failed", "hello-lib": "succeeded" });
    expect(progress.derivations.failed).toBe(1);
    expect(progress.derivations.done).toBe(1);
    const broken = progress.builds.find((b) => b.name === "broken-tool")!;
    expect(broken.logTail).toEqual([
      "compiling broken-tool",
      "warning: broken-tool has a long name",
      "broken-tool: test suite failed: 1 of 3 checks",
    ]);
  });
});

describe("internal-json parser on a real substitution", () => {
  it("counts copied paths and expected download bytes, shows the copying phase", () => {
    const lines = fixture("nix-substitute-copy.log");
    const parser = new NixLogParser();
    const phases = new Set<string>();
    const texts: string[] = [];
    for (const line of lines) {
      texts.push(...parser.push(line).map((l) => l.text));
      phases.add(parser.snapshot().phase);
    }
    const progress = parser.snapshot();
    expect(phases).toContain("copying");
    expect(progress.downloads.done).toBe(1);
    expect(progress.downloads.expected).toBe(1);
    expect(progress.downloads.bytesExpected).toBeGreaterThan(0);
    expect(progress.buildsStarted).toBe(0);
    expect(texts.some((t) => /^copying path '.*-small-closure' from 'file:\/\//.test(t))).toBe(true);
  });
});

describe("internal-json parser edge cases", () => {
  it("strips colours from plain lines and passes broken @nix lines through as text", () => {
    const parser = new NixLogParser();
    expect(parser.push(`${ESC}[1;31mred${ESC}[0m plain`)).toEqual([{ text: "red plain" }]);
    expect(parser.push("@nix {not json")).toEqual([{ text: "@nix {not json" }]);
    expect(parser.push('@nix {"action":"stop","id":42}')).toEqual([]);
  });

  it("derivationName drops the store hash and .drv", () => {
    expect(derivationName("/nix/store/0ji6w5yrbhw7i89vwbhp80vl0lwiksah-homey-access-rules.drv")).toBe("homey-access-rules");
    expect(derivationName("odd")).toBe("odd");
  });

  it("a snapshot is a copy: later lines do not change it", () => {
    const parser = new NixLogParser();
    const lines = fixture("standin-switch-success.log");
    lines.slice(0, 40).forEach((l) => parser.push(l));
    const early = parser.snapshot();
    const doneBefore = early.derivations.done;
    lines.slice(40).forEach((l) => parser.push(l));
    expect(early.derivations.done).toBe(doneBefore);
  });
});
