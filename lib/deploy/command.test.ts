import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { buildRebuildCommand, DEPLOY_ACTIONS, flakeRef, remoteCommandLine } from "./command";
import { shellCommandLine, shellQuote } from "./shell-quote";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const target = { command: "nixos-rebuild", flakeRepo: "/var/lib/homey-admin/homey", flakeAttr: "pi-main" };

/** What /bin/sh makes of a command line: its words, NUL-separated by printf. */
function wordsAsShellSeesThem(commandLine: string): string[] {
  const out = execFileSync("/bin/sh", ["-c", `printf '%s\\0' ${commandLine}`]);
  return out.toString("utf8").split("\0").slice(0, -1);
}

describe("buildRebuildCommand", () => {
  it("activates an already built system with --store-path (no flake, no build), for switch/test/boot only", () => {
    const built = "/nix/store/ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-pi-main-25.05";
    expect(buildRebuildCommand({ action: "switch", commitSha: SHA, storePath: built }, target).argv).toEqual([
      "nixos-rebuild",
      "switch",
      "--store-path",
      built,
      "--log-format",
      "internal-json",
      "-v",
    ]);
    expect(() => buildRebuildCommand({ action: "dry-activate", commitSha: SHA, storePath: built }, target)).toThrow(/switch, test, boot only/);
    for (const bad of ["/nix/store/x; rm -rf /", "relative/0123456789abcdfghijklmnpqrsvwxyz-x", "/nix/store/../0123456789abcdfghijklmnpqrsvwxyz-x", `${built} --flake x`]) {
      expect(() => buildRebuildCommand({ action: "switch", commitSha: SHA, storePath: bad }, target)).toThrow();
    }
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
