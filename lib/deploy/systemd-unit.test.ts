import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildRebuildCommand } from "./command";
import {
  deployUnitName,
  isRunning,
  journalLine,
  parseBusy,
  parseEndMarker,
  parseJournalLine,
  parseShow,
  startUnitLine,
} from "./systemd-unit";
import { failedUnitsIn } from "./units-failed";

const command = buildRebuildCommand(
  { action: "switch", commitSha: "a".repeat(40) },
  { command: "nixos-rebuild", flakeRepo: "/srv/homey", flakeAttr: "pi-main", nixEnv: "nix-env", systemProfile: "/nix/var/nix/profiles/system", previewRoots: "/nix/var/nix/gcroots/homey-admin" },
);

describe("deploy unit names", () => {
  it("are ours and nothing else", () => {
    expect(deployUnitName(12, "0a1b2c3d")).toBe("homey-admin-deploy-12-0a1b2c3d.service");
    expect(() => deployUnitName(12, "x; rm -rf /")).toThrow(/not a homey-admin deploy unit name/);
    expect(() => journalLine("sshd.service", { follow: false, afterCursor: null })).toThrow();
  });
});

describe("the start line", () => {
  it("is one shell word per argument: a hostile description stays data", () => {
    const unit = deployUnitName(3, "deadbeef");
    const line = startUnitLine(unit, "by $(touch /tmp/pwned) 'x'", command);
    // Let a real shell split it: the words come back exactly.
    const words = execFileSync("sh", ["-c", `printf '%s\\0' ${line}`]).toString().split("\0").slice(0, -1);
    expect(words.slice(0, 5)).toEqual(["flock", "-n", "-E", "75", "/run/lock/homey-admin-deploy.lock"]);
    expect(words.slice(8)).toEqual(["homey-admin-start", unit, "by $(touch /tmp/pwned) 'x'", ...command.argv]);
    expect(() => startUnitLine(unit, "two\nlines", command)).toThrow(/one line/);
  });
});

describe("parsers", () => {
  it("systemctl show", () => {
    const state = parseShow("LoadState=loaded\nActiveState=failed\nSubState=failed\nResult=exit-code\nExecMainCode=1\nExecMainStatus=4\n");
    expect(state).toEqual({ loadState: "loaded", activeState: "failed", subState: "failed", result: "exit-code", execMainCode: 1, execMainStatus: 4 });
    expect(isRunning(state)).toBe(false);
    expect(isRunning(parseShow("ActiveState=active\nSubState=running\n"))).toBe(true);
    expect(isRunning(parseShow("ActiveState=active\nSubState=exited\n"))).toBe(false);
  });

  it("journal JSON lines, byte-array messages included", () => {
    expect(parseJournalLine('{"__CURSOR":"s=1;i=2","MESSAGE":"hello"}')).toEqual({ cursor: "s=1;i=2", message: "hello" });
    expect(parseJournalLine('{"__CURSOR":"s=1;i=3","MESSAGE":[104,105]}')).toEqual({ cursor: "s=1;i=3", message: "hi" });
    expect(parseJournalLine("-- No entries --")).toBeNull();
    expect(parseJournalLine('{"MESSAGE":"no cursor"}')).toBeNull();
  });

  it("the end marker of this unit only", () => {
    const unit = deployUnitName(3, "deadbeef");
    expect(parseEndMarker(`homey-admin-deploy-end ${unit} 4`, unit)).toBe(4);
    expect(parseEndMarker(`homey-admin-deploy-end homey-admin-deploy-9-00000000.service 0`, unit)).toBeNull();
    expect(parseEndMarker("homey-admin-deploy-end", unit)).toBeNull();
  });

  it("a busy refusal names the running units", () => {
    expect(parseBusy("busy homey-admin-deploy-7-0a1b2c3d.service loaded active running homey-admin deploy #7: switch abcdef0 by alice\n")).toEqual([
      { unit: "homey-admin-deploy-7-0a1b2c3d.service", description: "homey-admin deploy #7: switch abcdef0 by alice" },
    ]);
  });

  it("switch-to-configuration's failed-units warning", () => {
    expect(failedUnitsIn("warning: the following units failed: grafana.service, immich.service")).toEqual(["grafana.service", "immich.service"]);
    expect(failedUnitsIn("warning: the following units failed: systemd-tmpfiles@root.service")).toEqual(["systemd-tmpfiles@root.service"]);
    expect(failedUnitsIn("the following units failed: x.service")).toBeNull();
  });
});
