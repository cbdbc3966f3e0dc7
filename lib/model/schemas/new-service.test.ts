// The pure parts of "New service": free priorities, and taken names said while typing.
import { describe, expect, it } from "vitest";
import { nextFreePriority, typedConflicts } from "./new-service";

describe("nextFreePriority", () => {
  it("finds the lowest start whose whole pair is free, inside the range", () => {
    expect(nextFreePriority([20, 21, 22, 23, 24, 25], "admins")).toBe(26);
    // 26 is free but 27 is not: a pair needs both.
    expect(nextFreePriority([20, 21, 22, 23, 24, 25, 27], "admins")).toBe(28);
    expect(nextFreePriority([50, 51, 53], "open")).toBe(52);
    expect(nextFreePriority(Array.from({ length: 30 }, (_, i) => 20 + i), "admins")).toBeNull();
    // 49 alone is free: no pair fits.
    expect(nextFreePriority(Array.from({ length: 29 }, (_, i) => 20 + i), "admins")).toBeNull();
  });
});

describe("typedConflicts", () => {
  const existing = { services: ["grafana"], subdomains: ["grafana"], monitors: ["Grafana"], backupPaths: [{ path: "/var/lib/grafana", mode: "include" }] };

  it("names each taken value at its field, as the schemas normalise it", () => {
    const errors = typedConflicts(
      { name: "grafana", "with.vhost": "on", "vhost.subdomain": " Grafana ", "with.monitor": "on", "monitor.name": "Grafana", "with.backup": "on", "backup.path": "/var/lib/grafana" },
      existing,
    );
    expect(Object.keys(errors).sort()).toEqual(["backup.path", "monitor.name", "name", "vhost.subdomain"]);
  });

  it("says nothing about a skipped section", () => {
    expect(typedConflicts({ name: "paperless", "vhost.subdomain": "grafana", "monitor.name": "Grafana", "backup.path": "/var/lib/grafana" }, existing)).toEqual({});
  });
});
