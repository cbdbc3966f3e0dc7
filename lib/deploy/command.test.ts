import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildRebuildCommand, DEPLOY_ACTIONS, displayCommand, flakeRef, remoteCommandLine } from "./command";
import { shellCommandLine, shellQuote } from "./shell-quote";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const target = {
  command: "nixos-rebuild",
  flakeRepo: "/var/lib/homey-admin/homey",
  flakeAttr: "pi-main",
  nixEnv: "nix-env",
  systemProfile: "/nix/var/nix/profiles/system",
};

/** What /bin/sh makes of a command line: its words, NUL-separated by printf. */
function wordsAsShellSeesThem(commandLine: string): string[] {
  const out = execFileSync("/bin/sh", ["-c", `printf '%s\\0' ${commandLine}`]);
  return out.toString("utf8").split("\0").slice(0, -1);
}

describe("buildRebuildCommand", () => {
  it("activates an already built system as nixos-rebuild does after its build: profile generation, then switch-to-configuration", () => {
    const built = "/nix/store/ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-pi-main-25.05";
    const command = buildRebuildCommand({ action: "switch", commitSha: SHA, storePath: built }, target);
    // No nixos-rebuild flag: neither nixos-rebuild (bash) nor nixos-rebuild-ng has one for this.
    expect(command.argv[0]).toBe("sh");
    expect(command.argv.slice(3)).toEqual(["homey-admin-activate", "nix-env", "/nix/var/nix/profiles/system", built, "switch"]);
    expect(command.argv).not.toContain("--store-path");
    expect(displayCommand(command)).toBe(`nix-env -p /nix/var/nix/profiles/system --set ${built} && ${built}/bin/switch-to-configuration switch`);
    expect(() => buildRebuildCommand({ action: "dry-activate", commitSha: SHA, storePath: built }, target)).toThrow(/switch, test, boot only/);
    for (const bad of ["/nix/store/x; rm -rf /", "relative/0123456789abcdfghijklmnpqrsvwxyz-x", "/nix/store/../0123456789abcdfghijklmnpqrsvwxyz-x", `${built} --flake x`, `${built}'`]) {
      expect(() => buildRebuildCommand({ action: "switch", commitSha: SHA, storePath: bad }, target)).toThrow();
    }
    expect(() => buildRebuildCommand({ action: "switch", commitSha: SHA, storePath: built }, { ...target, systemProfile: "/x/$(id)" })).toThrow(/system profile/);
    expect(() => buildRebuildCommand({ action: "switch", commitSha: SHA, storePath: built }, { ...target, nixEnv: "nix-env; id" })).toThrow();
    // Over ssh every word is quoted: the remote shell sees exactly these words.
    expect(wordsAsShellSeesThem(remoteCommandLine(command))).toEqual(command.argv);
  });

  describe("the activation script, run for real with a recording nix-env and system", () => {
    function fixture(stcExit: number) {
      const dir = mkdtempSync(path.join(tmpdir(), "activate-"));
      const log = path.join(dir, "calls.log");
      const system = path.join(dir, "store", "ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-pi-main");
      mkdirSync(path.join(system, "bin"), { recursive: true });
      const stc = path.join(system, "bin", "switch-to-configuration");
      writeFileSync(stc, `#!/bin/sh\necho "stc $1 NIXOS_INSTALL_BOOTLOADER=$NIXOS_INSTALL_BOOTLOADER" >> '${log}'\nexit ${stcExit}\n`);
      const nixEnv = path.join(dir, "nix-env");
      writeFileSync(nixEnv, `#!/bin/sh\necho "nix-env $*" >> '${log}'\n`);
      chmodSync(stc, 0o755);
      chmodSync(nixEnv, 0o755);
      const t = { ...target, nixEnv, systemProfile: path.join(dir, "profiles", "system") };
      const run = (action: "switch" | "test" | "boot", storePath = system) => {
        const { argv } = buildRebuildCommand({ action, commitSha: SHA, storePath }, t);
        const result = spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
        let calls: string[] = [];
        try {
          calls = readFileSync(log, "utf8").trim().split("\n");
        } catch {
          // nothing was called
        }
        rmSync(log, { force: true });
        return { status: result.status, stderr: result.stderr, calls };
      };
      return { dir, system, profile: t.systemProfile, run, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    }

    it("switch and boot set the profile first, test does not; switch-to-configuration gets the action and NIXOS_INSTALL_BOOTLOADER=0", () => {
      const f = fixture(0);
      try {
        expect(f.run("switch")).toMatchObject({ status: 0, calls: [`nix-env -p ${f.profile} --set ${f.system}`, "stc switch NIXOS_INSTALL_BOOTLOADER=0"] });
        expect(f.run("boot")).toMatchObject({ status: 0, calls: [`nix-env -p ${f.profile} --set ${f.system}`, "stc boot NIXOS_INSTALL_BOOTLOADER=0"] });
        expect(f.run("test")).toMatchObject({ status: 0, calls: ["stc test NIXOS_INSTALL_BOOTLOADER=0"] });
      } finally {
        f.cleanup();
      }
    });

    it("keeps switch-to-configuration's exit 4 (units failed) and refuses a path that is not a built system", () => {
      const f = fixture(4);
      try {
        expect(f.run("switch").status).toBe(4);
        const gone = f.run("switch", path.join(f.dir, "store", "0123456789abcdfghijklmnpqrsvwxyz-gone"));
        expect(gone.status).toBe(1);
        expect(gone.calls).toEqual([]);
        expect(gone.stderr).toMatch(/not a built NixOS system .*Preview the commit again/);
      } finally {
        f.cleanup();
      }
    });
  });

  it("builds nixos-rebuild for exactly that commit, with internal-json logs", () => {
    expect(buildRebuildCommand({ action: "switch", commitSha: SHA }, target).argv).toEqual([
      "nixos-rebuild",
      "switch",
      "--flake",
      `git+file:///var/lib/homey-admin/homey?rev=${SHA}#pi-main`,
      "--log-format",
      "internal-json",
      "-v",
    ]);
    for (const action of DEPLOY_ACTIONS) {
      expect(buildRebuildCommand({ action, commitSha: SHA }, target).argv[1]).toBe(action);
    }
  });

  it("rollback is `switch --rollback` and needs no commit", () => {
    expect(buildRebuildCommand({ rollback: true }, target).argv).toEqual([
      "nixos-rebuild",
      "switch",
      "--rollback",
      "--log-format",
      "internal-json",
      "-v",
    ]);
  });

  it.each([
    ["action", { action: "switch; reboot" as never, commitSha: SHA }, target],
    ["short sha", { action: "switch" as const, commitSha: "0123456" }, target],
    ["uppercase sha", { action: "switch" as const, commitSha: SHA.toUpperCase() }, target],
    ["sha with newline", { action: "switch" as const, commitSha: `${SHA}\n` }, target],
    ["sha with shell", { action: "switch" as const, commitSha: `${SHA.slice(0, 38)}$(` }, target],
    ["attr with ;", { action: "switch" as const, commitSha: SHA }, { ...target, flakeAttr: "pi-main; rm -rf /" }],
    ["attr with quote", { action: "switch" as const, commitSha: SHA }, { ...target, flakeAttr: "pi'main" }],
    ["attr with dot", { action: "switch" as const, commitSha: SHA }, { ...target, flakeAttr: "pi.main" }],
    ["attr with #", { action: "switch" as const, commitSha: SHA }, { ...target, flakeAttr: "x#y" }],
    ["empty attr", { action: "switch" as const, commitSha: SHA }, { ...target, flakeAttr: "" }],
    ["relative repo", { action: "switch" as const, commitSha: SHA }, { ...target, flakeRepo: "homey" }],
    ["repo with space", { action: "switch" as const, commitSha: SHA }, { ...target, flakeRepo: "/srv/my repo" }],
    ["repo with ?", { action: "switch" as const, commitSha: SHA }, { ...target, flakeRepo: "/srv/x?rev=evil" }],
    ["repo with quote", { action: "switch" as const, commitSha: SHA }, { ...target, flakeRepo: "/srv/x'y" }],
    ["repo with ..", { action: "switch" as const, commitSha: SHA }, { ...target, flakeRepo: "/srv/../etc" }],
    ["command with space", { action: "switch" as const, commitSha: SHA }, { ...target, command: "nixos-rebuild --fast" }],
    ["command with ;", { action: "switch" as const, commitSha: SHA }, { ...target, command: "x;reboot" }],
  ])("rejects a hostile or malformed part: %s", (_name, request, badTarget) => {
    expect(() => buildRebuildCommand(request, badTarget)).toThrow();
  });

  it("flakeRef pins the revision", () => {
    expect(flakeRef("/srv/homey", SHA)).toBe(`git+file:///srv/homey?rev=${SHA}`);
  });
});

describe("shell quoting for the ssh command line", () => {
  const hostile = [
    "",
    "plain",
    "it's",
    "'",
    "''",
    "$(touch /tmp/pwned)",
    "`id`",
    "a;b && c || d | e",
    'double "quotes"',
    "back\\slash",
    "new\nline",
    "$HOME ~ * ? [a]",
    "  spaces  ",
    "ünïcødé ✓",
    "--flake",
  ];

  it("every word survives /bin/sh unchanged (quoted, never interpreted)", () => {
    expect(wordsAsShellSeesThem(shellCommandLine(hostile))).toEqual(hostile);
  });

  it("quotes every word of the real command, the program included", () => {
    const command = buildRebuildCommand({ action: "switch", commitSha: SHA }, target);
    const line = remoteCommandLine(command);
    expect(line.startsWith("'nixos-rebuild' 'switch' '--flake' ")).toBe(true);
    expect(wordsAsShellSeesThem(line)).toEqual(command.argv);
  });

  it("refuses a NUL byte (a shell cannot carry it)", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });
});
