// lib/model/mutations.ts against a real SQLite file, migrated with prisma/migrations.
import { adminAs } from "@/lib/testing/admin-context";
import { describe, expect, it } from "vitest";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { freshDatabaseEachTest } from "@/lib/testing/fresh-db";
import type { PrismaClient } from "@/lib/db/client";
import { AREAS } from "./areas";
import { createRow, deleteRow, updateRow } from "./mutations";

let db: PrismaClient;
freshDatabaseEachTest((fresh) => (db = fresh));

const vhost = { subdomain: "grafana", upstreamPort: "3002", upstreamHost: "127.0.0.1", auth: "authelia", enabled: "on", serviceId: "" };
const service = { name: "nextcloud", title: "Nextcloud", description: "", kind: "container", enabled: "on", stateDir: "/var/lib/nextcloud" };


const audit = () => db.auditEvent.findMany({ orderBy: { id: "asc" } });
const json = (text: string | null) => (text === null ? null : (JSON.parse(text) as Record<string, unknown>));

describe("createRow / updateRow / deleteRow", () => {
  it("create writes the row and one audit event with the actor and the values after", async () => {
    const { id, warnings } = await createRow(adminAs(db, "alice"), "virtualHost", vhost);
    const row = await db.virtualHost.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ subdomain: "grafana", upstreamPort: 3002, version: 1, updatedBy: "alice" });
    expect(warnings).toEqual([]);

    const events = await audit();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: "alice", action: "create", entityType: "virtualHost", entityId: String(id), before: null });
    expect(json(events[0].after)).toEqual(AREAS.virtualHost.toValues(row));
  });

  it("update bumps the version and writes one audit event with before and after", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "virtualHost", vhost);
    await updateRow(adminAs(db, "bob"), "virtualHost", id, 1, { ...vhost, upstreamPort: "3003" });
    const row = await db.virtualHost.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ upstreamPort: 3003, version: 2, updatedBy: "bob" });

    const events = await audit();
    expect(events.map((e) => e.action)).toEqual(["create", "update"]);
    expect(events[1]).toMatchObject({ actor: "bob", entityType: "virtualHost", entityId: String(id) });
    expect(json(events[1].before)).toMatchObject({ upstreamPort: 3002, version: 1 });
    expect(json(events[1].after)).toMatchObject({ upstreamPort: 3003, version: 2 });
  });

  it("delete removes the row and writes one audit event with the values before", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "monitor", {
      name: "Grafana",
      type: "http",
      target: "grafana/api/health",
      interval: "60",
      keyword: "",
      maxretries: "1",
      enabled: "on",
      serviceId: "",
    });
    await deleteRow(adminAs(db, "carol"), "monitor", id, 1);
    expect(await db.monitor.count()).toBe(0);

    const events = await audit();
    expect(events.map((e) => e.action)).toEqual(["create", "delete"]);
    expect(events[1]).toMatchObject({ actor: "carol", entityType: "monitor", entityId: String(id), after: null });
    expect(json(events[1].before)).toMatchObject({ name: "Grafana", target: "grafana/api/health" });
  });

  it("stores access-rule lists as JSON and gives them back as lists", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "accessRule", {
      priority: "65",
      domains: "vote",
      resources: "^/admin([/?].*)?$",
      subjects: "group:admins, user:alice\ngroup:ops",
      policy: "two_factor",
      methods: "",
      networks: "",
      note: "",
    });
    const row = await db.accessRule.findUniqueOrThrow({ where: { id } });
    expect(row.subjects).toBe('[["group:admins","user:alice"],["group:ops"]]');
    expect(AREAS.accessRule.toValues(row)).toMatchObject({ domains: ["vote"], subjects: [["group:admins", "user:alice"], ["group:ops"]] });
  });

  it("returns warnings that are not errors: range mismatch, shared upstream port", async () => {
    const rule = await createRow(adminAs(db, "alice"), "accessRule", { priority: "12", domains: "x", policy: "one_factor" });
    expect(rule.warnings).toEqual([expect.stringMatching(/10–19 \(blanket bypass\)/)]);
    await createRow(adminAs(db, "alice"), "virtualHost", vhost);
    const second = await createRow(adminAs(db, "alice"), "virtualHost", { ...vhost, subdomain: "dashboards" });
    expect(second.warnings).toEqual([expect.stringMatching(/Port 3002 is also the upstream of grafana/)]);
  });
});

describe("refusals", () => {
  it("refuses a stale version with VERSION_CONFLICT, lists the changed fields and overwrites nothing", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "virtualHost", vhost);
    await updateRow(adminAs(db, "alice"), "virtualHost", id, 1, { ...vhost, upstreamPort: "4000", auth: "none" });

    // Bob loaded version 1 and changes only the host.
    const error = await expectAppError(updateRow(adminAs(db, "bob"), "virtualHost", id, 1, { ...vhost, upstreamHost: "grafana" }));
    expect(error.code).toBe("VERSION_CONFLICT");
    expect(error.message).toMatch(/^alice saved this virtual host .* Nothing was overwritten/);
    const conflict = error.details?.conflict as { field: string; saved: string; yours: string }[];
    expect(conflict.map((c) => c.field).sort()).toEqual(["auth", "upstreamHost", "upstreamPort"]);
    expect(conflict.find((c) => c.field === "upstreamPort")).toEqual({ field: "upstreamPort", saved: "4000", yours: "3002" });
    expect(error.details?.currentVersion).toBe(2);

    const row = await db.virtualHost.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ upstreamHost: "127.0.0.1", upstreamPort: 4000, auth: "none", version: 2, updatedBy: "alice" });
    expect((await audit()).map((e) => e.action)).toEqual(["create", "update"]);
  });

  it("refuses a delete with a stale version", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "virtualHost", vhost);
    await updateRow(adminAs(db, "alice"), "virtualHost", id, 1, { ...vhost, upstreamPort: "4000" });
    expect((await expectAppError(deleteRow(adminAs(db, "bob"), "virtualHost", id, 1))).code).toBe("VERSION_CONFLICT");
    expect(await db.virtualHost.count()).toBe(1);
    expect(await db.auditEvent.count()).toBe(2);
  });

  it("refuses a duplicate subdomain with CONFLICT and the area's message", async () => {
    await createRow(adminAs(db, "alice"), "virtualHost", vhost);
    const error = await expectAppError(createRow(adminAs(db, "bob"), "virtualHost", { ...vhost, subdomain: "Grafana", upstreamPort: "9000" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(AREAS.virtualHost.duplicateMessage);
    expect(error.message).toMatch(/already has a virtual host/);
    expect(await db.virtualHost.count()).toBe(1);
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("refuses renaming onto an existing subdomain with CONFLICT, leaving both rows as they were", async () => {
    await createRow(adminAs(db, "alice"), "virtualHost", vhost);
    const { id } = await createRow(adminAs(db, "alice"), "virtualHost", { ...vhost, subdomain: "status", upstreamPort: "3001" });
    expect((await expectAppError(updateRow(adminAs(db, "bob"), "virtualHost", id, 1, { ...vhost, upstreamPort: "3001" }))).code).toBe("CONFLICT");
    expect((await db.virtualHost.findUniqueOrThrow({ where: { id } })).subdomain).toBe("status");
    expect(await db.auditEvent.count()).toBe(2);
  });

  it("refuses invalid input with VALIDATION and field errors, writing no row and no audit event", async () => {
    const error = await expectAppError(createRow(adminAs(db, "alice"), "virtualHost", { ...vhost, subdomain: "bad_label", upstreamPort: "70000" }));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["subdomain", "upstreamPort"]);
    expect(error.fieldErrors?.upstreamPort).toEqual(["Port must be at most 65535."]);
    expect(await db.virtualHost.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it("refuses an invalid update without touching the row", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "monitor", { name: "Cloud", type: "http", target: "cloud/", interval: "60", maxretries: "1" });
    const error = await expectAppError(updateRow(adminAs(db, "bob"), "monitor", id, 1, { name: "Cloud", type: "keyword", target: "cloud/", interval: "10", maxretries: "1" }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toMatchObject({ interval: [expect.stringMatching(/at least 20/)], keyword: [expect.stringMatching(/needs the keyword/)] });
    expect(await db.monitor.findUniqueOrThrow({ where: { id } })).toMatchObject({ type: "http", interval: 60, version: 1 });
    expect(await db.auditEvent.count()).toBe(1);
  });

  it("protects caddy, authelia, openldap and homey-admin by configuration, whatever the form posts", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "service", { ...service, name: "authelia", title: "Authelia", protected: "" });
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ protected: true });

    const deleting = await expectAppError(deleteRow(adminAs(db, "bob"), "service", id, 1, { linked: "delete" }));
    expect(deleting.code).toBe("PROTECTED");
    expect(deleting.message).toMatch(/authelia is protected/);

    const switchingOff = await expectAppError(updateRow(adminAs(db, "bob"), "service", id, 1, { ...service, name: "authelia", title: "Authelia", enabled: "" }));
    expect(switchingOff.code).toBe("PROTECTED");
    expect(switchingOff.message).toMatch(/stays on/);

    const renaming = await expectAppError(updateRow(adminAs(db, "bob"), "service", id, 1, { ...service, name: "authelia2", title: "Authelia" }));
    expect(renaming.code).toBe("PROTECTED");

    // Saving other fields keeps the protection (a form cannot unprotect).
    await updateRow(adminAs(db, "bob"), "service", id, 1, { ...service, name: "authelia", title: "Sign-in", protected: "" });
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ protected: true, enabled: true, title: "Sign-in", version: 2 });
    expect(await db.auditEvent.count()).toBe(2);
  });

  it("a save that changes nothing writes nothing and keeps the version", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "service", service);
    await updateRow(adminAs(db, "bob"), "service", id, 1, service);
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ version: 1, updatedBy: "alice" });
    expect(await db.auditEvent.count()).toBe(1);
  });
});

describe("deleting a service with linked rows", () => {
  async function serviceWithDependents() {
    const { id } = await createRow(adminAs(db, "alice"), "service", service);
    const serviceId = String(id);
    const v = await createRow(adminAs(db, "alice"), "virtualHost", { ...vhost, subdomain: "cloud", upstreamPort: "8081", serviceId });
    const m = await createRow(adminAs(db, "alice"), "monitor", {
      name: "Nextcloud",
      type: "keyword",
      target: "cloud/status.php",
      interval: "120",
      keyword: '"installed":true',
      maxretries: "3",
      enabled: "on",
      serviceId,
    });
    const b = await createRow(adminAs(db, "alice"), "backupPath", { path: "/var/lib/nextcloud/data", mode: "include", note: "", serviceId });
    const other = await createRow(adminAs(db, "alice"), "virtualHost", { ...vhost, subdomain: "grafana" });
    return { id, linked: { virtualHost: v.id, monitor: m.id, backupPath: b.id }, other: other.id };
  }

  it("keeps linked rows, unlinked (serviceId null), each unlink audited, when linked is unlink", async () => {
    const { id, linked } = await serviceWithDependents();
    const eventsBefore = await db.auditEvent.count();
    await deleteRow(adminAs(db, "bob"), "service", id, 1, { linked: "unlink" });

    expect(await db.service.count()).toBe(0);
    expect(await db.virtualHost.findUniqueOrThrow({ where: { id: linked.virtualHost } })).toMatchObject({ subdomain: "cloud", serviceId: null });
    expect(await db.monitor.findUniqueOrThrow({ where: { id: linked.monitor } })).toMatchObject({ name: "Nextcloud", serviceId: null });
    expect(await db.backupPath.findUniqueOrThrow({ where: { id: linked.backupPath } })).toMatchObject({ serviceId: null });

    const newEvents = (await audit()).slice(eventsBefore);
    expect(newEvents.map((e) => [e.action, e.entityType, e.actor])).toEqual([
      ["unlink", "virtualHost", "bob"],
      ["unlink", "monitor", "bob"],
      ["unlink", "backupPath", "bob"],
      ["delete", "service", "bob"],
    ]);
    expect(json(newEvents[0].before)).toMatchObject({ serviceId: id, version: 1 });
    expect(json(newEvents[0].after)).toMatchObject({ serviceId: null, version: 2 });
  });

  it("deletes linked rows too when linked is delete, with an audit event for each", async () => {
    const { id, linked, other } = await serviceWithDependents();
    const eventsBefore = await db.auditEvent.count();
    await deleteRow(adminAs(db, "bob"), "service", id, 1, { linked: "delete" });

    expect(await db.service.count()).toBe(0);
    expect(await db.monitor.count()).toBe(0);
    expect(await db.backupPath.count()).toBe(0);
    expect((await db.virtualHost.findMany()).map((v) => v.id)).toEqual([other]);

    const newEvents = (await audit()).slice(eventsBefore);
    expect(newEvents.every((e) => e.action === "delete" && e.actor === "bob")).toBe(true);
    expect(newEvents.map((e) => [e.entityType, e.entityId]).sort()).toEqual(
      [
        ["backupPath", String(linked.backupPath)],
        ["monitor", String(linked.monitor)],
        ["service", String(id)],
        ["virtualHost", String(linked.virtualHost)],
      ].sort(),
    );
    expect(json(newEvents.find((e) => e.entityType === "virtualHost")!.before)).toMatchObject({ subdomain: "cloud" });
  });
});
