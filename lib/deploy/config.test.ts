import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { describeTarget, loadDeployTarget } from "./config";

const FP = "SHA256:XZpKuNn/HKQHKE37sF30zv+r/UgMRxH2bl7+tOklAiw";

const ssh = {
  HOMEY_DEPLOY_TRANSPORT: "ssh",
  HOMEY_DEPLOY_HOST: "pi.lan",
  HOMEY_DEPLOY_KEY_FILE: "/run/credentials/homey-admin/deploy_key",
  HOMEY_DEPLOY_HOST_KEY: FP,
  HOMEY_DEPLOY_FLAKE_REPO: "/var/lib/homey-admin/homey",
};

function problems(env: Record<string, string>): string[] {
  try {
    loadDeployTarget(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("DEPLOY_CONFIG");
    return (error as AppError).details!.problems as string[];
  }
  throw new Error("expected the settings to be refused");
}

describe("loadDeployTarget", () => {
  it("reads an ssh target with its defaults", () => {
    expect(loadDeployTarget(ssh)).toEqual({
      transport: "ssh",
      host: "pi.lan",
      port: 22,
      user: "root",
      keyFile: "/run/credentials/homey-admin/deploy_key",
      hostKey: { kind: "fingerprint", fingerprint: FP },
      flakeAttr: "pi-main",
      flakeRepo: "/var/lib/homey-admin/homey",
      command: "nixos-rebuild",
      // NixOS's own: where nixos-rebuild keeps the system's generations.
      nixEnv: "nix-env",
      systemProfile: "/nix/var/nix/profiles/system",
      // Under Nix's gcroots: a preview's build stays a root there until confirmed or superseded.
      previewRoots: "/nix/var/nix/gcroots/homey-admin",
      timeoutMs: 3_600_000,
      health: { mode: "auto", baseUrl: "http://127.0.0.1", windowMs: 120_000 },
      // Detached by default: the rebuild runs as its own systemd unit on the target.
      detach: "systemd",
    });
    expect(loadDeployTarget({ ...ssh, HOMEY_DEPLOY_DETACH: "off" })).toMatchObject({ detach: "off" });
    expect(() => loadDeployTarget({ ...ssh, HOMEY_DEPLOY_DETACH: "tmux" })).toThrow(/HOMEY_DEPLOY_DETACH must be systemd or off/);
  });

  it("reads where nix-env and the system profile are (the stand-in keeps its own), refusing shell characters", () => {
    expect(loadDeployTarget({ ...ssh, HOMEY_DEPLOY_NIX_ENV: "/run/current-system/sw/bin/nix-env", HOMEY_DEPLOY_SYSTEM_PROFILE: "/srv/standin/profiles/system" })).toMatchObject({
      nixEnv: "/run/current-system/sw/bin/nix-env",
      systemProfile: "/srv/standin/profiles/system",
    });
    expect(problems({ ...ssh, HOMEY_DEPLOY_SYSTEM_PROFILE: "profiles/system" }).join()).toMatch(/system profile must be an absolute path/);
    expect(problems({ ...ssh, HOMEY_DEPLOY_NIX_ENV: "nix-env --set x" }).join()).toMatch(/command must be a program name or an absolute path/);
    expect(loadDeployTarget({ ...ssh, HOMEY_DEPLOY_PREVIEW_ROOTS: "/srv/standin/nix/var/gcroots/homey-admin" })).toMatchObject({
      previewRoots: "/srv/standin/nix/var/gcroots/homey-admin",
    });
    expect(problems({ ...ssh, HOMEY_DEPLOY_PREVIEW_ROOTS: "/tmp/x y" }).join()).toMatch(/preview roots directory must be an absolute path/);
  });

  it("accepts a fingerprint with base64 padding and a known_hosts file instead", () => {
    expect(loadDeployTarget({ ...ssh, HOMEY_DEPLOY_HOST_KEY: `${FP}=` })).toMatchObject({
      hostKey: { kind: "fingerprint", fingerprint: FP },
    });
    const { HOMEY_DEPLOY_HOST_KEY: _, ...withoutPin } = ssh;
    expect(loadDeployTarget({ ...withoutPin, HOMEY_DEPLOY_KNOWN_HOSTS: "/etc/homey-admin/known_hosts" })).toMatchObject({
      hostKey: { kind: "known-hosts", file: "/etc/homey-admin/known_hosts" },
    });
  });

  it("reads a local target; the repo defaults to the app's working clone", () => {
    const target = loadDeployTarget({ HOMEY_DEPLOY_TRANSPORT: "local", HOMEY_DEPLOY_COMMAND: "/opt/bin/nixos-rebuild" });
    expect(target.transport).toBe("local");
    expect(target.command).toBe("/opt/bin/nixos-rebuild");
    expect(target.flakeRepo.startsWith("/")).toBe(true);
    expect(describeTarget(target)).toBe("local");
    expect(describeTarget(loadDeployTarget(ssh))).toBe("ssh root@pi.lan:22");
  });

  it("refuses to connect without a pinned host key", () => {
    const { HOMEY_DEPLOY_HOST_KEY: _, ...unpinned } = ssh;
    expect(problems(unpinned).join(" ")).toMatch(/pin the target's host key/);
  });

  it("lists every problem at once, with the variable names", () => {
    const found = problems({
      HOMEY_DEPLOY_TRANSPORT: "ssh",
      HOMEY_DEPLOY_PORT: "70000",
      HOMEY_DEPLOY_HOST_KEY: "MD5:aa:bb",
      HOMEY_DEPLOY_FLAKE_ATTR: "pi-main; reboot",
      HOMEY_DEPLOY_TIMEOUT_S: "soon",
    });
    const text = found.join("\n");
    expect(text).toMatch(/HOMEY_DEPLOY_PORT must be at most 65535/);
    expect(text).toMatch(/HOMEY_DEPLOY_HOST_KEY must look like SHA256:/);
    expect(text).toMatch(/flake attribute may use letters/);
    expect(text).toMatch(/HOMEY_DEPLOY_TIMEOUT_S must be a number/);
  });

  it.each([
    ["HOMEY_DEPLOY_TRANSPORT", "telnet"],
    ["HOMEY_DEPLOY_HOST", "pi.lan;reboot"],
    ["HOMEY_DEPLOY_USER", "root --oops"],
    ["HOMEY_DEPLOY_KEY_FILE", "relative/key"],
    ["HOMEY_DEPLOY_FLAKE_REPO", "/srv/homey repo"],
    ["HOMEY_DEPLOY_COMMAND", "nixos-rebuild && reboot"],
  ])("rejects %s=%j", (name, value) => {
    expect(problems({ ...ssh, [name]: value }).length).toBeGreaterThan(0);
  });
});
