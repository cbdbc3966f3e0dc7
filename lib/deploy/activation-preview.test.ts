import { describe, expect, it } from "vitest";
import { changesNothing, corePartOf, parseActivationPreview } from "./activation-preview";

// `nixos-rebuild dry-activate` on a NixOS 25.05 machine (the shape every NixOS prints:
// switch-to-configuration's lines, then nixos-rebuild's last line).
const REAL = [
  "building the system configuration...",
  "would stop the following units: accounts-daemon.service",
  "would activate the configuration...",
  "would reload the following units: dbus.service",
  "would restart the following units: polkit.service",
  "would start the following units: accounts-daemon.service",
  "Done. The new configuration is /nix/store/ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-a1131-25.05.20260102.ac62194",
];

describe("parseActivationPreview", () => {
  it("reads real dry-activate output; stop + start of one unit is its restart (stopIfChanged)", () => {
    expect(parseActivationPreview(REAL)).toEqual({
      outPath: "/nix/store/ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-a1131-25.05.20260102.ac62194",
      stop: [],
      start: [],
      restart: ["accounts-daemon.service", "polkit.service"],
      reload: ["dbus.service"],
      notRestarted: [],
      restartSystemd: false,
      packages: null,
      outages: [],
      empty: false,
    });
  });

  it("splits comma lists, keeps real stops and starts apart, notes systemd and units left alone", () => {
    const p = parseActivationPreview([
      "would stop the following units: grafana.service, podman-attic.service\r",
      "would NOT stop the following changed units: homey-admin.service",
      "would restart systemd",
      "would activate the configuration...",
      "would start the following units: podman-uptime-kuma.service, uptime-kuma-sync.service",
    ]);
    expect(p.stop).toEqual(["grafana.service", "podman-attic.service"]);
    expect(p.start).toEqual(["podman-uptime-kuma.service", "uptime-kuma-sync.service"]);
    expect(p.notRestarted).toEqual(["homey-admin.service"]);
    expect(p.restartSystemd).toBe(true);
    expect(p.outPath).toBeNull();
  });

  it("flags restarts and stops of caddy, authelia, openldap and homey-admin as outages", () => {
    const p = parseActivationPreview([
      "would stop the following units: podman-authelia.service, openldap.service",
      "would restart the following units: caddy.service, grafana.service",
      "would start the following units: podman-authelia.service",
    ]);
    expect(p.outages).toEqual([
      { unit: "caddy.service", part: "caddy", kind: "restart" },
      { unit: "podman-authelia.service", part: "authelia", kind: "restart" },
      { unit: "openldap.service", part: "openldap", kind: "stop" },
    ]);
    // A reload is no outage.
    expect(parseActivationPreview(["would reload the following units: caddy.service"]).outages).toEqual([]);
  });

  it("nothing to do, and a log without dry-activate lines, are told apart", () => {
    const quiet = parseActivationPreview(["would activate the configuration..."]);
    expect(changesNothing(quiet)).toBe(true);
    expect(quiet.empty).toBe(false);
    expect(parseActivationPreview(["building the system configuration..."]).empty).toBe(true);
  });

  it("accepts only a store path as the built system (it becomes an argument of the switch)", () => {
    expect(parseActivationPreview(["Done. The new configuration is /nix/store/x; rm -rf /"]).outPath).toBeNull();
    expect(parseActivationPreview(["Done. The new configuration is /tmp/rig/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system"]).outPath).toBe(
      "/tmp/rig/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system",
    );
  });

  it("finds the built system when nixos-rebuild-ng's message (stderr) and path (stdout) arrive as two lines", () => {
    const path = "/nix/store/ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-pi-main";
    expect(parseActivationPreview(["would activate the configuration...", path, "Done. The new configuration is"]).outPath).toBe(path);
    expect(parseActivationPreview(["Done. The new configuration is ", path]).outPath).toBe(path);
    // A store path alone, without nixos-rebuild saying it is the result, is not taken.
    expect(parseActivationPreview([path]).outPath).toBeNull();
  });

  it("the preview script's marker names the build whichever nixos-rebuild ran, and wins over a Done line", () => {
    const path = "/nix/store/ph526hx15q2v8v99ki94y451a8vcmdqq-nixos-system-pi-main";
    const other = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-pi-main";
    const marker = `homey-admin: preview built ${path} (kept from garbage collection by /nix/var/nix/gcroots/homey-admin/preview-Ab12Cd34/result until it is confirmed or superseded)`;
    // Bash nixos-rebuild (25.05's default): nothing but the marker says where the build is.
    expect(parseActivationPreview(["building the system configuration...", marker, "would stop the following units: grafana.service"])).toMatchObject({
      outPath: path,
      stop: ["grafana.service"],
    });
    // nixos-rebuild-ng: its "Done." is left unterminated on stderr, so the marker continues that line.
    expect(parseActivationPreview([other, `Done. The new configuration is ${marker}`, "would stop the following units: grafana.service"]).outPath).toBe(path);
    expect(parseActivationPreview([`Done. The new configuration is ${other}`, marker]).outPath).toBe(path);
    expect(parseActivationPreview(["homey-admin: preview built /nix/store/x; rm -rf / (kept …)"]).outPath).toBeNull();
  });

  it("corePartOf knows homey's unit names", () => {
    expect(corePartOf("authelia-main.service")).toBe("authelia");
    expect(corePartOf("podman-authelia.service")).toBe("authelia");
    expect(corePartOf("homey-admin.service")).toBe("homey-admin");
    expect(corePartOf("caddy-api.socket")).toBeNull();
    expect(corePartOf("grafana.service")).toBeNull();
  });
});
