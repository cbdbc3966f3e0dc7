// "New service" in one form, and removing a service with its set, against a real SQLite file.
import { adminAs } from "@/lib/testing/admin-context";
import { describe, expect, it } from "vitest";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { freshDatabaseEachTest } from "@/lib/testing/fresh-db";
import type { PrismaClient } from "@/lib/db/client";
import { createRow, deleteRow } from "./mutations";
import { createServiceWithParts } from "./new-service";
import { decodeStringList, decodeSubjects } from "./json-list";

let db: PrismaClient;
freshDatabaseEachTest((fresh) => (db = fresh));

/** What the form posts with every section on, for a service called `name`. */
function form(name: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name,
    title: name[0].toUpperCase() + name.slice(1),
    description: "",
    kind: "container",
    enabled: "on",
    stateDir: `/var/lib/${name}`,
    unitName: "",
    "with.vhost": "on",
    "vhost.subdomain": name,
    "vhost.upstreamHost": "127.0.0.1",
    "vhost.upstreamPort": "8010",
    "vhost.auth": "authelia",
    "with.rules": "on",
    "rules.access": "admins",
    "rules.priority": "20",
    "with.monitor": "on",
    "monitor.name": name[0].toUpperCase() + name.slice(1),
    "monitor.type": "http",
    "monitor.target": `${name}/`,
    "monitor.interval": "60",
    "monitor.maxretries": "2",
    "with.backup": "on",
    "backup.path": `/var/lib/${name}`,
    ...overrides,
  };
}

const counts = async () => ({
  services: await db.service.count(),
  virtualHosts: await db.virtualHost.count(),
  accessRules: await db.accessRule.count(),
  monitors: await db.monitor.count(),
  backupPaths: await db.backupPath.count(),
  audit: await db.auditEvent.count(),
});

const rule = (priority: number, domain: string, policy = "two_factor") => ({
  priority: String(priority),
  domains: domain,
  policy,
  subjects: policy === "two_factor" ? "group:admins" : "",
  resources: "",
  methods: "",
  networks: "",
  note: "",
});

describe("createServiceWithParts", () => {
  it("creates the service, its vhost, the admin pair, the monitor and the backup path in one go, each audited", async () => {
    const result = await createServiceWithParts(adminAs(db, "anna"), form("paperless"), { adminGroup: "admins" });
    const service = await db.service.findUniqueOrThrow({ where: { name: "paperless" } });
    expect(result.id).toBe(service.id);
    expect(service).toMatchObject({ title: "Paperless", stateDir: "/var/lib/paperless", updatedBy: "anna" });
    expect(await db.virtualHost.findMany()).toEqual([expect.objectContaining({ subdomain: "paperless", upstreamPort: 8010, auth: "authelia", serviceId: service.id })]);
    const rules = await db.accessRule.findMany({ orderBy: { priority: "asc" } });
    expect(rules.map((r) => [r.priority, r.policy, decodeStringList(r.domains), decodeSubjects(r.subjects)])).toEqual([
      [20, "two_factor", ["paperless"], [["group:admins"]]],
      [21, "deny", ["paperless"], []],
    ]);
    expect(await db.monitor.findMany()).toEqual([expect.objectContaining({ name: "Paperless", type: "http", target: "paperless/", maxretries: 2, serviceId: service.id })]);
    expect(await db.backupPath.findMany()).toEqual([expect.objectContaining({ path: "/var/lib/paperless", mode: "include", serviceId: service.id })]);

    const events = await db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => [e.actor, e.action, e.entityType])).toEqual([
      ["anna", "create", "service"],
      ["anna", "create", "virtualHost"],
      ["anna", "create", "accessRule"],
      ["anna", "create", "accessRule"],
      ["anna", "create", "monitor"],
      ["anna", "create", "backupPath"],
    ]);
    expect(result.title).toBe("paperless with vhost paperless, access rules 20 and 21, monitor Paperless, backup path /var/lib/paperless");
  });

  it("saves nothing when one section is bad, and names the field of that section", async () => {
    const error = await expectAppError(createServiceWithParts(adminAs(db), form("paperless", { "vhost.upstreamPort": "70000" })));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({ "vhost.upstreamPort": ["Port must be at most 65535."] });
    expect(await counts()).toEqual({ services: 0, virtualHosts: 0, accessRules: 0, monitors: 0, backupPaths: 0, audit: 0 });
  });

  it("refuses a subdomain that already has a vhost at that field, with nothing saved", async () => {
    await createRow(adminAs(db), "virtualHost", { subdomain: "paperless", upstreamPort: "9000", upstreamHost: "127.0.0.1", auth: "authelia", enabled: "on", serviceId: "" });
    const before = await counts();
    const error = await expectAppError(createServiceWithParts(adminAs(db), form("paperless")));
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["vhost.subdomain"]);
    expect(error.fieldErrors?.["vhost.subdomain"]?.[0]).toMatch(/already has a virtual host/);
    expect(await counts()).toEqual(before);
  });

  it("leaves out the sections that are skipped", async () => {
    const raw = form("paperless", { "with.rules": "", "with.monitor": "" });
    delete raw["with.backup"];
    await createServiceWithParts(adminAs(db), raw);
    expect(await counts()).toMatchObject({ services: 1, virtualHosts: 1, accessRules: 0, monitors: 0, backupPaths: 0, audit: 2 });
  });

  it("asks for the vhost when the rules are on without it", async () => {
    const error = await expectAppError(createServiceWithParts(adminAs(db), form("paperless", { "with.vhost": "" })));
    expect(error.fieldErrors?.["rules.access"]?.[0]).toMatch(/add the virtual host too, or skip the rules/);
    expect((await counts()).services).toBe(0);
  });

  it("keeps priorities in homey's ranges and never reuses one", async () => {
    for (const [p, d] of [[20, "admin"], [22, "grafana"]] as const) {
      await createRow(adminAs(db), "accessRule", rule(p, d));
      await createRow(adminAs(db), "accessRule", rule(p + 1, d, "deny"));
    }
    // A taken start is refused at the priority field, and the error names the next free pair.
    const taken = await expectAppError(createServiceWithParts(adminAs(db), form("paperless", { "rules.priority": "23" })));
    expect(taken.fieldErrors?.["rules.priority"]?.[0]).toBe("Priority 23 is already taken by another rule. The next free one is 24.");
    // Outside the range of its shape: an admin pair at 50.
    const outside = await expectAppError(createServiceWithParts(adminAs(db), form("paperless", { "rules.priority": "50" })));
    expect(outside.fieldErrors?.["rules.priority"]?.[0]).toMatch(/range 20–49/);
    // A pair may not run past 49.
    expect((await expectAppError(createServiceWithParts(adminAs(db), form("paperless", { "rules.priority": "49" })))).fieldErrors?.["rules.priority"]?.[0]).toMatch(/48 at the latest/);

    await createServiceWithParts(adminAs(db), form("paperless", { "rules.priority": "24" }));
    await createServiceWithParts(adminAs(db), form("jellyfin", { "rules.access": "open", "rules.priority": "50" }));
    const again = await expectAppError(createServiceWithParts(adminAs(db), form("immich", { "rules.access": "open", "rules.priority": "50" })));
    expect(again.fieldErrors?.["rules.priority"]?.[0]).toBe("Priority 50 is already taken by another rule. The next free one is 51.");

    const rules = await db.accessRule.findMany({ orderBy: { priority: "asc" } });
    const priorities = rules.map((r) => r.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(rules.filter((r) => decodeStringList(r.domains).includes("jellyfin")).map((r) => [r.priority, r.policy, decodeSubjects(r.subjects)])).toEqual([[50, "one_factor", []]]);
    expect(rules.filter((r) => decodeStringList(r.domains).includes("paperless")).map((r) => [r.priority, r.policy])).toEqual([
      [24, "two_factor"],
      [25, "deny"],
    ]);
  });
});

describe("deleting a service with its set", () => {
  async function paperless() {
    const { id, created } = await createServiceWithParts(adminAs(db), form("paperless"));
    // Not the service's: a rule that also covers another host, and a vhost of nobody.
    const shared = await createRow(adminAs(db), "accessRule", { ...rule(70, "paperless\ngrafana"), policy: "one_factor", subjects: "" });
    await createRow(adminAs(db), "virtualHost", { subdomain: "grafana", upstreamPort: "3002", upstreamHost: "127.0.0.1", auth: "authelia", enabled: "on", serviceId: "" });
    return { id, created, shared: shared.id };
  }

  it("deletes every ticked row of the set, each audited, and nothing outside it", async () => {
    const { id, created, shared } = await paperless();
    const auditBefore = await db.auditEvent.count();
    await deleteRow(adminAs(db, "bob"), "service", id, 1, {
      remove: { virtualHost: [created.virtualHost!], accessRule: created.accessRules, monitor: [created.monitor!], backupPath: [created.backupPath!] },
    });
    expect(await db.service.count()).toBe(0);
    expect((await db.virtualHost.findMany()).map((v) => v.subdomain)).toEqual(["grafana"]);
    expect((await db.accessRule.findMany()).map((r) => r.id)).toEqual([shared]);
    expect(await db.monitor.count()).toBe(0);
    expect(await db.backupPath.count()).toBe(0);
    const events = await db.auditEvent.findMany({ where: { id: { gt: 0 } }, orderBy: { id: "asc" }, skip: auditBefore });
    expect(events.map((e) => [e.actor, e.action, e.entityType])).toEqual([
      ["bob", "delete", "accessRule"],
      ["bob", "delete", "accessRule"],
      ["bob", "delete", "virtualHost"],
      ["bob", "delete", "monitor"],
      ["bob", "delete", "backupPath"],
      ["bob", "delete", "service"],
    ]);
  });

  it("keeps the unticked ones: linked rows unlinked (audited), rules as they are", async () => {
    const { id, created } = await paperless();
    await deleteRow(adminAs(db, "bob"), "service", id, 1, { remove: { virtualHost: [created.virtualHost!], accessRule: [], monitor: [], backupPath: [created.backupPath!] } });
    expect(await db.monitor.findUniqueOrThrow({ where: { id: created.monitor! } })).toMatchObject({ serviceId: null, version: 2 });
    expect(await db.accessRule.count({ where: { id: { in: created.accessRules } } })).toBe(2);
    expect(await db.auditEvent.count({ where: { action: "unlink", entityType: "monitor", entityId: String(created.monitor) } })).toBe(1);
  });

  it("refuses an id outside the set and changes nothing", async () => {
    const { id, created, shared } = await paperless();
    const before = await counts();
    const error = await expectAppError(deleteRow(adminAs(db), "service", id, 1, { remove: { virtualHost: [created.virtualHost!], accessRule: [shared], monitor: [], backupPath: [] } }));
    expect(error.code).toBe("VERSION_CONFLICT");
    expect(error.message).toMatch(/no longer part of this service/);
    expect(await counts()).toEqual(before);
  });
});
