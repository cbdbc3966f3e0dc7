// First start: seedIfEmpty fills an empty database once; loadDraftSnapshot reads it for the renderer.
import { adminAs } from "@/lib/testing/admin-context";
import { describe, expect, it } from "vitest";
import { freshDatabaseEachTest } from "@/lib/testing/fresh-db";
import type { PrismaClient } from "@/lib/db/client";
import { loadDraftSnapshot } from "./draft";
import { createRow } from "./mutations";
import { seedIfEmpty } from "./seed";
import { SEED_ACCESS_RULES, SEED_BACKUP_PATHS, SEED_MONITORS, SEED_SERVICES } from "./seed-data";

let db: PrismaClient;
freshDatabaseEachTest((fresh) => (db = fresh));

const counts = async () => ({
  services: await db.service.count(),
  virtualHosts: await db.virtualHost.count(),
  accessRules: await db.accessRule.count(),
  monitors: await db.monitor.count(),
  backupPaths: await db.backupPath.count(),
  auditEvents: await db.auditEvent.count(),
});

describe("seedIfEmpty", () => {
  it("seeds an empty database once, and is a no-op afterwards", async () => {
    expect(await seedIfEmpty(adminAs(db, "homey-admin (first start)"))).toBe(true);
    const seeded = await counts();
    expect(seeded).toEqual({
      services: SEED_SERVICES.length,
      virtualHosts: SEED_SERVICES.filter((s) => s.vhost).length,
      accessRules: SEED_ACCESS_RULES.length,
      monitors: SEED_MONITORS.length,
      backupPaths: SEED_BACKUP_PATHS.length,
      // One audited "seed" change per row, through the same write path as every edit.
      auditEvents: SEED_SERVICES.length + SEED_SERVICES.filter((s) => s.vhost).length + SEED_ACCESS_RULES.length + SEED_MONITORS.length + SEED_BACKUP_PATHS.length,
    });

    expect(await seedIfEmpty(adminAs(db, "homey-admin (first start)"))).toBe(false);
    expect(await counts()).toEqual(seeded);
  });

  it("links rows to their services and marks the auth/proxy stack and the dashboard protected", async () => {
    await seedIfEmpty(adminAs(db, "homey-admin (first start)"));
    const cloud = await db.virtualHost.findUniqueOrThrow({ where: { subdomain: "cloud" }, include: { service: true } });
    expect(cloud.service?.name).toBe("nextcloud");
    const media = await db.backupPath.findFirstOrThrow({ where: { path: "/mnt/data/media" } });
    expect(media).toMatchObject({ mode: "exclude", serviceId: null });
    const protectedNames = (await db.service.findMany({ where: { protected: true }, orderBy: { name: "asc" } })).map((s) => s.name);
    expect(protectedNames).toEqual(["authelia", "caddy", "homey-admin", "openldap"]);
  });

  it("does nothing to a database that already has a service", async () => {
    await createRow(adminAs(db, "alice"), "service", { name: "only", title: "Only", kind: "native", enabled: "on" });
    expect(await seedIfEmpty(adminAs(db, "homey-admin (first start)"))).toBe(false);
    expect(await db.service.count()).toBe(1);
  });
});

describe("loadDraftSnapshot", () => {
  it("leaves out disabled vhosts and monitors, keeps disabled services, and sorts every list", async () => {
    await seedIfEmpty(adminAs(db, "homey-admin (first start)"));
    const zeta = { upstreamHost: "127.0.0.1", auth: "none", enabled: "on", serviceId: "" };
    await createRow(adminAs(db, "alice"), "virtualHost", { ...zeta, subdomain: "zz-off", upstreamPort: "9999", enabled: "" });
    await createRow(adminAs(db, "alice"), "virtualHost", { ...zeta, subdomain: "aa-on", upstreamPort: "9998" });
    await createRow(adminAs(db, "alice"), "monitor", { name: "AAA off", type: "http", target: "aa-on/", interval: "60", maxretries: "0", enabled: "" });
    await createRow(adminAs(db, "alice"), "monitor", { name: "000 on", type: "http", target: "aa-on/", interval: "60", maxretries: "0", enabled: "on" });
    await createRow(adminAs(db, "alice"), "service", { name: "aaa-off", title: "Off", kind: "native", enabled: "" });
    await createRow(adminAs(db, "alice"), "accessRule", { priority: "1", domains: "aa-on", policy: "bypass" });
    await createRow(adminAs(db, "alice"), "backupPath", { path: "/aaa", mode: "include" });
    await createRow(adminAs(db, "alice"), "backupPath", { path: "/aaa/cache", mode: "exclude" });

    const snapshot = await loadDraftSnapshot(adminAs(db));
    const subdomains = snapshot.virtualHosts.map((v) => v.subdomain);
    expect(subdomains).toContain("aa-on");
    expect(subdomains).not.toContain("zz-off");
    expect(subdomains).toEqual([...subdomains].sort());

    const monitorNames = snapshot.monitors.map((m) => m.name);
    expect(monitorNames).toContain("000 on");
    expect(monitorNames).not.toContain("AAA off");
    expect(monitorNames).toEqual([...monitorNames].sort());

    expect(snapshot.services[0]).toEqual({ name: "aaa-off", enabled: false });
    expect(snapshot.services.map((s) => s.name)).toEqual(snapshot.services.map((s) => s.name).sort());

    const priorities = snapshot.accessRules.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    expect(snapshot.accessRules[0]).toMatchObject({ priority: 0, domains: ["auth"], subjects: [] });
    expect(snapshot.accessRules[1]).toMatchObject({ priority: 1, domains: ["aa-on"], policy: "bypass" });

    expect(snapshot.backup.extraPaths[0]).toBe("/aaa");
    expect(snapshot.backup.extraPaths).toEqual([...snapshot.backup.extraPaths].sort());
    expect(snapshot.backup.exclude).toEqual(["/aaa/cache", "/mnt/data/media", "/var/lib/attic/storage"]);

    // The snapshot holds plain values only: no ids, versions or timestamps reach the renderer.
    expect(JSON.stringify(snapshot)).not.toMatch(/"(id|version|updatedAt|serviceId)"/);
  });

  it("is the same however the rows were inserted", async () => {
    await seedIfEmpty(adminAs(db, "homey-admin (first start)"));
    const first = await loadDraftSnapshot(adminAs(db));
    expect(await loadDraftSnapshot(adminAs(db))).toEqual(first);
  });
});
