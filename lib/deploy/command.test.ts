import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildRebuildCommand, DEPLOY_ACTIONS, displayCommand, flakeRef, PROFILE_REBUILD_SCRIPT, remoteCommandLine } from "./command";
import { parseActivationPreview } from "./activation-preview";
import { shellCommandLine, shellQuote } from "./shell-quote";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const target = {
  command: "nixos-rebuild",
  flakeRepo: "/var/lib/homey-admin/homey",
  flakeAttr: "pi-main",
  nixEnv: "nix-env",
  systemProfile: "/nix/var/nix/profiles/system",
  previewRoots: "/nix/var/nix/gcroots/homey-admin",
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
    expect(command.argv.slice(3)).toEqual(["homey-admin-activate", "nix-env", "/nix/var/nix/profiles/system", built, "switch", "/nix/var/nix/gcroots/homey-admin"]);
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
      const t = { ...target, nixEnv, systemProfile: path.join(dir, "profiles", "system"), previewRoots: path.join(dir, "roots") };
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

    it("lets go of the previews' GC roots once the profile holds the system (switch, boot), not on test", () => {
      const f = fixture(0);
      try {
        const preview = path.join(f.dir, "roots", "preview-Ab12Cd34");
        const keep = path.join(f.dir, "roots", "other-file");
        mkdirSync(preview, { recursive: true });
        symlinkSync(f.system, path.join(preview, "result"));
        writeFileSync(keep, "not a preview\n");
        expect(f.run("test").status).toBe(0);
        expect(existsSync(path.join(preview, "result"))).toBe(true);
        expect(f.run("switch").status).toBe(0);
        expect(existsSync(preview)).toBe(false);
        expect(existsSync(keep)).toBe(true);
        expect(existsSync(path.join(f.system, "bin", "switch-to-configuration"))).toBe(true);
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

  it("builds nixos-rebuild for exactly that commit, with internal-json logs; switch and boot through the script that lets go of previews", () => {
    const rebuild = ["nixos-rebuild", "switch", "--flake", `git+file:///var/lib/homey-admin/homey?rev=${SHA}#pi-main`, "--log-format", "internal-json", "-v"];
    const command = buildRebuildCommand({ action: "switch", commitSha: SHA }, target);
    expect(command.argv).toEqual(["sh", "-c", PROFILE_REBUILD_SCRIPT, "homey-admin-rebuild", "/nix/var/nix/gcroots/homey-admin", ...rebuild]);
    expect(displayCommand(command)).toBe(rebuild.join(" "));
    for (const action of DEPLOY_ACTIONS.filter((a) => a !== "dry-activate")) {
      const built = buildRebuildCommand({ action, commitSha: SHA }, target);
      expect(displayCommand(built).startsWith(`nixos-rebuild ${action} --flake `)).toBe(true);
      // Only the actions that change the profile need the wrapper.
      expect(built.argv[0]).toBe(action === "switch" || action === "boot" ? "sh" : "nixos-rebuild");
    }
  });

  it("after a switch or boot that changed the profile (exit 0 or 4) the previews' roots are let go; a failed one keeps them", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "profile-rebuild-"));
    try {
      const roots = path.join(dir, "roots");
      const rebuild = path.join(dir, "nixos-rebuild");
      const exit = path.join(dir, "exit");
      writeFileSync(rebuild, `#!/bin/sh\necho "nixos-rebuild $*"\nexit $(cat '${exit}')\n`);
      chmodSync(rebuild, 0o755);
      const preview = () => {
        const one = path.join(roots, `preview-${Math.random().toString(36).slice(2, 10)}`);
        mkdirSync(one, { recursive: true });
        symlinkSync(dir, path.join(one, "result"));
        return one;
      };
      const run = (request: Parameters<typeof buildRebuildCommand>[0], code: number) => {
        writeFileSync(exit, String(code));
        const { argv } = buildRebuildCommand(request, { ...target, command: rebuild, previewRoots: roots });
        return spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
      };
      const switchHead = { action: "switch" as const, commitSha: SHA };
      preview();
      const failed = run(switchHead, 1);
      expect(failed.status).toBe(1);
      expect(failed.stdout).toContain(`nixos-rebuild switch --flake git+file:///var/lib/homey-admin/homey?rev=${SHA}#pi-main`);
      expect(readdirSync(roots)).toHaveLength(1);
      expect(run({ action: "test", commitSha: SHA }, 0).status).toBe(0);
      expect(readdirSync(roots)).toHaveLength(1);
      expect(run(switchHead, 4).status).toBe(4);
      expect(readdirSync(roots)).toEqual([]);
      preview();
      expect(run({ action: "boot", commitSha: SHA }, 0).status).toBe(0);
      expect(readdirSync(roots)).toEqual([]);
      // Only the link and an emptied dir go: a file someone put there stays, with its dir.
      const withFile = preview();
      writeFileSync(path.join(withFile, "notes"), "not a root");
      const back = run({ rollback: true }, 0);
      expect(back.stdout).toContain("nixos-rebuild switch --rollback");
      expect(readdirSync(roots)).toEqual([path.basename(withFile)]);
      expect(readdirSync(withFile)).toEqual(["notes"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a preview is the preview script: `nixos-rebuild build` in a new dir under the roots, then the build's own dry-activate", () => {
    const command = buildRebuildCommand({ action: "dry-activate", commitSha: SHA }, target);
    expect(command.argv.slice(0, 2)).toEqual(["sh", "-c"]);
    expect(command.argv.slice(3)).toEqual([
      "homey-admin-preview",
      "nixos-rebuild",
      `git+file:///var/lib/homey-admin/homey?rev=${SHA}#pi-main`,
      "/nix/var/nix/gcroots/homey-admin",
      "--log-format",
      "internal-json",
      "-v",
    ]);
    expect(displayCommand(command)).toBe(
      `cd /nix/var/nix/gcroots/homey-admin/preview-XXXXXXXX && nixos-rebuild build --flake git+file:///var/lib/homey-admin/homey?rev=${SHA}#pi-main --log-format internal-json -v && $(readlink -f result)/bin/switch-to-configuration dry-activate`,
    );
    expect(() => buildRebuildCommand({ action: "dry-activate", commitSha: SHA }, { ...target, previewRoots: "/x/$(id)" })).toThrow(/preview roots/);
    expect(() => buildRebuildCommand({ action: "dry-activate", commitSha: SHA }, { ...target, previewRoots: "roots" })).toThrow(/preview roots/);
    expect(wordsAsShellSeesThem(remoteCommandLine(command))).toEqual(command.argv);
  });

  describe("the preview script, run for real with a nixos-rebuild that behaves like bash 25.05 or like -ng", () => {
    /**
     * A fake nixos-rebuild: `build` links ./result in its working directory to a new "system"
     * (as `nix build` does in both real ones); "ng" also prints "Done. The new configuration is"
     * on stderr and the path on stdout, "bash" prints nothing. "fail" exits 1 like a failed build.
     */
    function fixture(flavour: "bash" | "ng" | "fail", stcExit = 0) {
      const dir = mkdtempSync(path.join(tmpdir(), "preview-"));
      const log = path.join(dir, "calls.log");
      const rebuild = path.join(dir, "nixos-rebuild");
      writeFileSync(
        rebuild,
        [
          "#!/bin/sh",
          `echo "nixos-rebuild $* in $(pwd)" >> '${log}'`,
          `[ '${flavour}' != fail ] || { echo "error: builder failed" >&2; exit 1; }`,
          `sys='${dir}'/store/$(printf '%032d' $$ | tr 0-9 abcdfghijk)-nixos-system-pi-main`,
          'mkdir -p "$sys/bin"',
          `printf '#!/bin/sh\necho "stc $1 NIXOS_INSTALL_BOOTLOADER=$NIXOS_INSTALL_BOOTLOADER"\necho "would stop the following units: grafana.service"\nexit ${stcExit}\n' > "$sys/bin/switch-to-configuration"`,
          'chmod +x "$sys/bin/switch-to-configuration"',
          'ln -s "$sys" result',
          `[ '${flavour}' != ng ] || { printf 'Done. The new configuration is ' >&2; echo "$sys"; }`,
        ].join("\n"),
      );
      chmodSync(rebuild, 0o755);
      const roots = path.join(dir, "gcroots", "homey-admin");
      const run = () => {
        const { argv } = buildRebuildCommand({ action: "dry-activate", commitSha: SHA }, { ...target, command: rebuild, previewRoots: roots });
        const result = spawnSync(argv[0], argv.slice(1), { encoding: "utf8", cwd: dir });
        const calls = readFileSync(log, "utf8").trim().split("\n");
        rmSync(log, { force: true });
        return { status: result.status, lines: `${result.stdout}${result.stderr}`.split("\n").filter(Boolean), calls };
      };
      const kept = () => readdirSync(roots).map((d) => readlinkSync(path.join(roots, d, "result")));
      return { dir, roots, run, kept, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    }

    it.each(["bash", "ng"] as const)("%s: builds in a new dir under the roots, names the build, dry-activates it, keeps only the newest build", (flavour) => {
      const f = fixture(flavour);
      try {
        const first = f.run();
        expect(first.status).toBe(0);
        expect(first.calls).toHaveLength(1);
        expect(first.calls[0]).toMatch(
          new RegExp(`^nixos-rebuild build --flake git\\+file:///var/lib/homey-admin/homey\\?rev=${SHA}#pi-main --log-format internal-json -v in ${f.roots}/preview-[A-Za-z0-9]{8}$`),
        );
        const built = f.kept();
        expect(built).toHaveLength(1);
        const preview = parseActivationPreview(first.lines);
        expect(preview.outPath).toBe(built[0]);
        expect(preview.stop).toEqual(["grafana.service"]);
        expect(first.lines).toContain("stc dry-activate NIXOS_INSTALL_BOOTLOADER=0");
        expect(first.lines.filter((l) => l.startsWith("Done. The new configuration is"))).toHaveLength(flavour === "ng" ? 1 : 0);

        // A second preview supersedes the first: only its build stays a root.
        const second = f.run();
        expect(second.status).toBe(0);
        expect(f.kept()).toEqual([parseActivationPreview(second.lines).outPath]);
        expect(f.kept()).not.toEqual(built);
      } finally {
        f.cleanup();
      }
    });

    it("a failed build leaves no directory and keeps the older preview's build; a failed dry-activate keeps it too", () => {
      const ok = fixture("bash");
      try {
        expect(ok.run().status).toBe(0);
        const kept = ok.kept();
        const failing = path.join(ok.dir, "nixos-rebuild");
        writeFileSync(failing, readFileSync(failing, "utf8").replace("[ 'bash' != fail ]", "[ 'fail' != fail ]"));
        const failed = ok.run();
        expect(failed.status).toBe(1);
        expect(failed.lines).toContain("error: builder failed");
        expect(parseActivationPreview(failed.lines).outPath).toBeNull();
        expect(ok.kept()).toEqual(kept);
      } finally {
        ok.cleanup();
      }
      const stcFails = fixture("bash", 1);
      try {
        const failed = stcFails.run();
        expect(failed.status).toBe(1);
        expect(stcFails.kept()).toHaveLength(1);
        const again = stcFails.run();
        expect(again.status).toBe(1);
        // Neither succeeded, so neither superseded the other.
        expect(stcFails.kept()).toHaveLength(2);
      } finally {
        stcFails.cleanup();
      }
    });
  });

  it("rollback is `switch --rollback` and needs no commit", () => {
    const command = buildRebuildCommand({ rollback: true }, target);
    expect(displayCommand(command)).toBe("nixos-rebuild switch --rollback --log-format internal-json -v");
    expect(command.argv.slice(-6)).toEqual(["nixos-rebuild", "switch", "--rollback", "--log-format", "internal-json", "-v"]);
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
    const command = buildRebuildCommand({ action: "test", commitSha: SHA }, target);
    const line = remoteCommandLine(command);
    expect(line.startsWith("'nixos-rebuild' 'test' '--flake' ")).toBe(true);
    expect(wordsAsShellSeesThem(line)).toEqual(command.argv);
  });

  it("refuses a NUL byte (a shell cannot carry it)", () => {
    expect(() => shellQuote("a\0b")).toThrow(/NUL/);
  });
});
