// With HOMEY_ADMIN_VHOST_FROM_MODULE=1 (the NixOS module's caddy.contributeVhost) the
// dashboard's vhost and its admins-only two_factor + deny rules are the module's: every
// write path refuses to change them (editor, quick toggle, import) and generated/ leaves
// them out, so Caddy and Authelia get them once. Real SQLite, real git, real Nix.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyDraft } from "@/lib/apply/apply-draft";
import { importRepoIntoDraft } from "@/lib/changes/import-into-draft";
import { renderDraft } from "@/lib/changes/render-draft";
import type { PrismaClient } from "@/lib/db/client";
import { createRepoRig, git, RIG_DRAFT, withHomeyCore, writeDraft, type RepoRig } from "@/lib/repo/test-rig";
import { adminAs } from "@/lib/testing/admin-context";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { createTestDatabase } from "@/lib/testing/test-db";
import { loadDraftSnapshot } from "./draft";
import { isModuleManagedAccessRule } from "./module-managed";
import { createRow, deleteRow, updateRow } from "./mutations";
import { seedIfEmpty } from "./seed";
import { setServiceEnabled } from "./service-toggle";

let db: PrismaClient;
let cleanupDb: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup: cleanupDb } = await createTestDatabase());
});
afterAll(() => cleanupDb());
beforeEach(async () => {
  delete process.env.HOMEY_ADMIN_VHOST_FROM_MODULE;
  await db.$transaction([db.auditEvent.deleteMany(), db.virtualHost.deleteMany(), db.monitor.deleteMany(), db.backupPath.deleteMany(), db.accessRule.deleteMany(), db.service.deleteMany()]);
});
afterEach(() => {
  delete process.env.HOMEY_ADMIN_VHOST_FROM_MODULE;
});

const moduleOwnsIt = () => (process.env.HOMEY_ADMIN_VHOST_FROM_MODULE = "1");
const adminVhost = () => db.virtualHost.findUniqueOrThrow({ where: { subdomain: "admin" } });
const adminRules = () => db.accessRule.findMany({ where: { domains: JSON.stringify(["admin"]) }, orderBy: { priority: "asc" } });
const vhostForm = (v: { upstreamPort: number; serviceId: number | null }, changes: Record<string, string> = {}) => ({
  subdomain: "admin",
  upstreamHost: "127.0.0.1",
  upstreamPort: String(v.upstreamPort),
  auth: "authelia",
  enabled: "on",
  serviceId: v.serviceId === null ? "" : String(v.serviceId),
  ...changes,
});
const MANAGED = /managed by the NixOS module \(services\.homey-admin\.caddy\.contributeVhost\)/;

describe("what the module owns", () => {
  it("is the admins-only pair for the dashboard's host, nothing else", () => {
    const m = { subdomain: "admin", adminGroup: "admins" };
    const rule = { domains: ["admin"], resources: [], subjects: [["group:admins"]], policy: "two_factor", methods: [], networks: [] };
    expect(isModuleManagedAccessRule(m, rule)).toBe(true);
    expect(isModuleManagedAccessRule(m, { ...rule, policy: "deny", subjects: [] })).toBe(true);
    expect(isModuleManagedAccessRule(m, { ...rule, domains: ["grafana"] })).toBe(false);
    expect(isModuleManagedAccessRule(m, { ...rule, resources: ["^/api"] })).toBe(false);
    expect(isModuleManagedAccessRule(m, { ...rule, subjects: [["group:users"]] })).toBe(false);
    expect(isModuleManagedAccessRule(m, { ...rule, policy: "one_factor" })).toBe(false);
    expect(isModuleManagedAccessRule(null, rule)).toBe(false);
  });
});

describe("the module's vhost and rules cannot be changed", () => {
  beforeEach(async () => {
    await seedIfEmpty(adminAs(db, "homey-admin (first start)"));
  });

  it("through the editor: edit and delete refused, saying where to change them; other rows still editable", async () => {
    moduleOwnsIt();
    const vhost = await adminVhost();
    const edit = await expectAppError(updateRow(adminAs(db, "bob"), "virtualHost", vhost.id, vhost.version, vhostForm(vhost, { upstreamPort: "3001" })));
    expect(edit.code).toBe("PROTECTED");
    expect(edit.message).toMatch(MANAGED);
    expect(edit.message).toMatch(/^The virtual host admin is managed by the NixOS module .*cannot be changed here/);
    expect((await expectAppError(deleteRow(adminAs(db, "bob"), "virtualHost", vhost.id, vhost.version))).message).toMatch(/cannot be deleted here/);
    const [twoFactor, deny] = await adminRules();
    const ruleForm = { priority: String(twoFactor.priority), domains: "admin", resources: "", subjects: "group:admins\ngroup:users", policy: "two_factor", methods: "", networks: "", note: "" };
    expect((await expectAppError(updateRow(adminAs(db, "bob"), "accessRule", twoFactor.id, twoFactor.version, ruleForm))).message).toMatch(
      /^The two_factor rule for admin is managed by the NixOS module/,
    );
    expect((await expectAppError(deleteRow(adminAs(db, "bob"), "accessRule", deny.id, deny.version))).message).toMatch(/^The deny rule for admin is managed/);
    // Nor can another row be made into one of them.
    const other = await createRow(adminAs(db, "bob"), "accessRule", { ...ruleForm, domains: "grafana", subjects: "group:admins", priority: "40" });
    expect((await expectAppError(updateRow(adminAs(db, "bob"), "accessRule", other.id, 1, { ...ruleForm, subjects: "group:admins", priority: "40" }))).message).toMatch(MANAGED);
    expect((await expectAppError(createRow(adminAs(db, "bob"), "accessRule", { ...ruleForm, subjects: "", policy: "deny", priority: "41" }))).message).toMatch(/cannot be created here/);
    // Untouched, and nothing audited.
    expect(await adminVhost()).toMatchObject({ upstreamPort: vhost.upstreamPort, version: vhost.version });
    expect((await adminRules()).map((r) => r.version)).toEqual([1, 1]);
    expect(await db.auditEvent.count({ where: { actor: "bob", entityType: "virtualHost" } })).toBe(0);
  });

  it("through the editor, without the module: the same edit goes through", async () => {
    const vhost = await adminVhost();
    await updateRow(adminAs(db, "bob"), "virtualHost", vhost.id, vhost.version, vhostForm(vhost, { upstreamPort: "3001" }));
    expect(await adminVhost()).toMatchObject({ upstreamPort: 3001, version: vhost.version + 1 });
  });

  it("through the quick toggle: switching off the service the vhost moves with is refused whole", async () => {
    const vhost = await adminVhost();
    const grafana = await db.service.findUniqueOrThrow({ where: { name: "grafana" } });
    await db.virtualHost.update({ where: { id: vhost.id }, data: { serviceId: grafana.id } });
    moduleOwnsIt();
    const refused = await expectAppError(setServiceEnabled(adminAs(db, "bob"), grafana.id, grafana.version, false, { withDependents: true }));
    expect(refused.message).toMatch(/^The virtual host admin is managed by the NixOS module/);
    expect(await db.service.findUniqueOrThrow({ where: { id: grafana.id } })).toMatchObject({ enabled: true, version: grafana.version });
    expect(await adminVhost()).toMatchObject({ enabled: true });
  });
});

describe("generated/ and import from the repo", () => {
  let rig: RepoRig;
  beforeEach(async () => {
    await writeDraft(db, withHomeyCore(RIG_DRAFT));
    rig = await createRepoRig();
    await applyDraft({ admin: adminAs(db, "anna"), settings: rig.settings, demo: false });
  });
  afterEach(() => rig.cleanup());

  const generated = (file: string) => fs.readFile(path.join(rig.clone, "generated", file), "utf8");

  it("the renderer leaves them out, and an Apply takes them out of the repo (the draft still has them)", async () => {
    expect(await generated("vhosts.nix")).toMatch(/admin = \{/);
    moduleOwnsIt();
    const files = renderDraft(await loadDraftSnapshot(adminAs(db, "anna")));
    const vhosts = files["vhosts.nix"];
    const rules = files["access-rules.nix"];
    expect(vhosts).not.toMatch(/admin = \{/);
    expect(vhosts).toMatch(/grafana = \{/);
    expect(rules).not.toContain('"admin.${domain}"');
    expect(rules).toContain('"grafana.${domain}"');

    await applyDraft({ admin: adminAs(db, "anna"), settings: rig.settings, demo: false });
    expect(await generated("vhosts.nix")).not.toMatch(/admin = \{/);
    expect(await generated("access-rules.nix")).not.toContain('"admin.${domain}"');
    expect(await adminVhost()).toMatchObject({ enabled: true });
    expect(await adminRules()).toHaveLength(2);
  });

  it("import keeps the draft's copies as they are and says the repo defines them too", async () => {
    // A hand edit elsewhere, so the import has something to do.
    const file = path.join(rig.clone, "generated", "vhosts.nix");
    await fs.writeFile(file, (await fs.readFile(file, "utf8")).replace("port = 3002;", "port = 3003;"));
    git(rig.clone, "commit", "--quiet", "-am", "grafana moved");
    moduleOwnsIt();
    const before = { vhost: await adminVhost(), rules: await adminRules() };
    const result = await importRepoIntoDraft(adminAs(db, "anna"), rig.settings);
    expect(result.warnings).toEqual([
      "The virtual host admin is defined by the NixOS module (services.homey-admin.caddy.contributeVhost), so the repo's copy was not imported; remove it from generated/ by applying the draft.",
      "The two_factor rule for admin is defined by the NixOS module (services.homey-admin.caddy.contributeVhost), so the repo's copy was not imported; remove it from generated/ by applying the draft.",
      "The deny rule for admin is defined by the NixOS module (services.homey-admin.caddy.contributeVhost), so the repo's copy was not imported; remove it from generated/ by applying the draft.",
    ]);
    expect(await db.virtualHost.findUniqueOrThrow({ where: { subdomain: "grafana" } })).toMatchObject({ upstreamPort: 3003 });
    expect(await adminVhost()).toEqual(before.vhost);
    expect(await adminRules()).toEqual(before.rules);
  });
});
