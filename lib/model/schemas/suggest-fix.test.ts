import { describe, expect, it } from "vitest";
import { backupPathSchema } from "./backup-path";
import { monitorSchema } from "./monitor";
import { serviceSchema } from "./service";
import { virtualHostSchema } from "./virtual-host";
import { suggestFix, suggestFixes } from "./suggest-fix";

const monitor = { name: "Status", type: "http", target: "status/", interval: "60", keyword: "", maxretries: "1", enabled: "on", serviceId: "" };

describe("suggestFix", () => {
  it("drops a trailing slash from a backup path", () => {
    expect(suggestFix(backupPathSchema, { path: "/var/lib/jellyfin/", mode: "include", note: "", serviceId: "" }, "path")).toBe("/var/lib/jellyfin");
  });

  it("writes a path in normal form", () => {
    expect(suggestFix(backupPathSchema, { path: "/var//lib/./jellyfin", mode: "include", note: "", serviceId: "" }, "path")).toBe("/var/lib/jellyfin");
  });

  it("lowercases only the host part of a monitor target", () => {
    expect(suggestFix(monitorSchema, { ...monitor, target: "Cloud/Status.php" }, "target")).toBe("cloud/Status.php");
  });

  it("turns a name with spaces and capitals into a slug", () => {
    const values = { name: "Bad Name", title: "x", description: "", kind: "container", enabled: "on", protected: "", stateDir: "", unitName: "" };
    expect(suggestFix(serviceSchema, values, "name")).toBe("bad-name");
  });

  it("removes spaces inside an upstream host", () => {
    const values = { subdomain: "jelly", upstreamPort: "8096", upstreamHost: "127.0.0.1 ", auth: "authelia", enabled: "on", serviceId: "" };
    expect(suggestFix(virtualHostSchema, { ...values, upstreamHost: "jelly fin" }, "upstreamHost")).toBe("jelly-fin");
  });

  it("offers nothing for a value that is accepted, or that no normalisation repairs", () => {
    expect(suggestFix(backupPathSchema, { path: "/var/lib/jellyfin", mode: "include", note: "", serviceId: "" }, "path")).toBeNull();
    expect(suggestFix(backupPathSchema, { path: "srv/../etc", mode: "include", note: "", serviceId: "" }, "path")).toBeNull();
    expect(suggestFix(monitorSchema, { ...monitor, interval: "5" }, "interval")).toBeNull();
  });

  it("collects the fixes of several fields, leaving out those without one", () => {
    const values = { ...monitor, target: "Status/", interval: "5" };
    expect(suggestFixes(monitorSchema, values, ["target", "interval"])).toEqual({ target: "status/" });
  });
});
