import { describe, expect, it } from "vitest";
import { decideSelfRestart, parseSelfService, selfServiceShowLine } from "./self-restart";

const OLD = "/nix/store/" + "a".repeat(32) + "-homey-admin-0.1.0";
const NEW = "/nix/store/" + "b".repeat(32) + "-homey-admin-0.1.0";

// What `systemctl show --property=LoadState,Environment,ExecStart` prints for a NixOS unit.
const shown = (pkg: string, extraEnv = "") =>
  [
    `ExecStart={ path=${pkg}/bin/homey-admin ; argv[]=${pkg}/bin/homey-admin ; ignore_errors=no ; start_time=[n/a] ; stop_time=[n/a] ; pid=0 ; code=(null) ; status=0/0 }`,
    `Environment="LOCALE_ARCHIVE=/nix/store/${"c".repeat(32)}-glibc-locales/lib/locale/locale-archive" NODE_ENV=production HOMEY_ADMIN_PACKAGE=${pkg} PATH=/nix/store/${"d".repeat(32)}-git/bin${extraEnv}`,
    "LoadState=loaded",
  ].join("\n");

describe("parseSelfService", () => {
  it("reads the package from the unit's HOMEY_ADMIN_PACKAGE", () => {
    expect(parseSelfService(shown(NEW))).toEqual({ loadState: "loaded", package: NEW });
  });

  it("falls back to the store path of ExecStart's program when the unit has no HOMEY_ADMIN_PACKAGE", () => {
    const output = `ExecStart={ path=${NEW}/bin/homey-admin ; argv[]=${NEW}/bin/homey-admin ; ignore_errors=no }\nEnvironment=NODE_ENV=production\nLoadState=loaded\n`;
    expect(parseSelfService(output)).toEqual({ loadState: "loaded", package: NEW });
  });

  it("a target without the unit: not-found, no package", () => {
    expect(parseSelfService("ExecStart=\nEnvironment=\nLoadState=not-found\n")).toEqual({ loadState: "not-found", package: null });
  });

  it("ignores a program outside the Nix store", () => {
    expect(parseSelfService("ExecStart={ path=/usr/bin/node ; argv[]=/usr/bin/node server.js }\nLoadState=loaded").package).toBeNull();
  });
});

describe("decideSelfRestart", () => {
  const loadedNew = { loadState: "loaded", package: NEW };

  it("restarts after a switch that changed the package", () => {
    expect(decideSelfRestart({ ownPackage: OLD, action: "switch", status: "succeeded", unit: loadedNew })).toEqual({ restart: true, from: OLD, to: NEW });
  });

  it("restarts after test, rollback and a switch whose other units failed: each activated the new system", () => {
    for (const [action, status] of [["test", "succeeded"], ["rollback", "succeeded"], ["switch", "units_failed"]] as const) {
      expect(decideSelfRestart({ ownPackage: OLD, action, status, unit: loadedNew }).restart, `${action} ${status}`).toBe(true);
    }
  });

  it("does not restart when the package is the same", () => {
    expect(decideSelfRestart({ ownPackage: NEW, action: "switch", status: "succeeded", unit: loadedNew })).toEqual({ restart: false, why: "homey-admin's package is unchanged" });
  });

  it("does not restart after actions that activate nothing, or deploys that did not activate", () => {
    for (const action of ["boot", "build", "dry-activate"]) {
      expect(decideSelfRestart({ ownPackage: OLD, action, status: "succeeded", unit: loadedNew })).toEqual({ restart: false, why: `a ${action} activates nothing` });
    }
    for (const status of ["failed", "cancelled", "timed_out", "connection_lost", "interrupted"] as const) {
      expect(decideSelfRestart({ ownPackage: OLD, action: "switch", status, unit: loadedNew }).restart, status).toBe(false);
    }
  });

  it("does not restart when it cannot tell: not run by the module, no unit on the target, no package in it", () => {
    expect(decideSelfRestart({ ownPackage: null, action: "switch", status: "succeeded", unit: loadedNew }).restart).toBe(false);
    expect(decideSelfRestart({ ownPackage: OLD, action: "switch", status: "succeeded", unit: null }).restart).toBe(false);
    expect(decideSelfRestart({ ownPackage: OLD, action: "switch", status: "succeeded", unit: { loadState: "not-found", package: null } })).toEqual({
      restart: false,
      why: "the target has no homey-admin.service (not-found)",
    });
    expect(decideSelfRestart({ ownPackage: OLD, action: "switch", status: "succeeded", unit: { loadState: "loaded", package: null } }).restart).toBe(false);
  });
});

it("the show command names only homey-admin.service", () => {
  expect(selfServiceShowLine()).toBe("'systemctl' 'show' '--property=LoadState,Environment,ExecStart' '--' 'homey-admin.service'");
});
