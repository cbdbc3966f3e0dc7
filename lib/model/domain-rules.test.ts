// The domain rules hold on every write path — the editors, the quick toggle, import from the
// repo and the seed — because they all go through lib/model/write-path.ts. Real SQLite, real
// git and real Nix (import evaluates the repo's generated/ files).
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyDraft } from "@/lib/apply/apply-draft";
import { importRepoIntoDraft } from "@/lib/changes/import-into-draft";
import type { PrismaClient } from "@/lib/db/client";
import { createRepoRig, git, RIG_DRAFT, withHomeyCore, writeDraft, type RepoRig } from "@/lib/repo/test-rig";
import { adminAs } from "@/lib/testing/admin-context";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { createTestDatabase } from "@/lib/testing/test-db";
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
  await db.$transaction([db.auditEvent.deleteMany(), db.virtualHost.deleteMany(), db.monitor.deleteMany(), db.backupPath.deleteMany(), db.accessRule.deleteMany(), db.service.deleteMany()]);
});

const authelia = { name: "authelia", title: "Authelia", description: "", kind: "container", enabled: "on", stateDir: "" };
const row = (name: string) => db.service.findUniqueOrThrow({ where: { name } });
const events = (action?: string) => db.auditEvent.findMany({ where: action ? { action } : undefined, orderBy: { id: "asc" } });

describe("a protected service cannot be switched off or deleted", () => {
  it("through the editor", async () => {
    const { id } = await createRow(adminAs(db), "service", authelia);
    expect((await expectAppError(updateRow(adminAs(db, "bob"), "service", id, 1, { ...authelia, enabled: "" }))).code).toBe("PROTECTED");
    expect((await expectAppError(deleteRow(adminAs(db, "bob"), "service", id, 1))).code).toBe("PROTECTED");
    expect(await row("authelia")).toMatchObject({ enabled: true, protected: true, version: 1 });
  });

  it("through the quick toggle", async () => {
    const { id } = await createRow(adminAs(db), "service", authelia);
    expect((await expectAppError(setServiceEnabled(adminAs(db, "bob"), id, 1, false))).code).toBe("PROTECTED");
    expect(await row("authelia")).toMatchObject({ enabled: true, version: 1 });
  });

  it("through the seed: caddy, authelia, openldap and homey-admin start protected", async () => {
    await seedIfEmpty(adminAs(db, "homey-admin (first start)"));
    const protectedNames = (await db.service.findMany({ where: { protected: true }, orderBy: { name: "asc" } })).map((s) => s.name);
    expect(protectedNames).toEqual(["authelia", "caddy", "homey-admin", "openldap"]);
  });
});

describe("through import from the repo", () => {
  let rig: RepoRig;
  beforeEach(async () => {
    await writeDraft(db, withHomeyCore(RIG_DRAFT));
    rig = await createRepoRig();
    await applyDraft({ admin: adminAs(db, "anna"), settings: rig.settings, demo: false });
  });
  afterEach(() => rig.cleanup());

  async function handEditServices(edit: (text: string) => string, message: string) {
    const file = path.join(rig.clone, "generated", "services.nix");
    await fs.writeFile(file, edit(await fs.readFile(file, "utf8")));
    git(rig.clone, "commit", "--quiet", "-am", message);
  }

  it("keeps a protected service on and listed, saying why, while the rest is imported", async () => {
    await handEditServices(
      (t) =>
        t
          .replace(/authelia = \{\s*enable = true;\s*\};/, "authelia = {\n      enable = false;\n    };")
          .replace(/caddy = \{\s*enable = true;\s*\};\n\s*/, "")
          .replace(/grafana = \{\s*enable = true;\s*\};/, "grafana = {\n      enable = false;\n    };"),
      "switch off authelia and grafana, drop caddy",
    );
    const result = await importRepoIntoDraft(adminAs(db, "anna"), rig.settings);
    expect(result.warnings.join("\n")).toMatch(/authelia is protected, so it stays on/);
    expect(result.warnings.join("\n")).toMatch(/caddy is protected, so it was kept/);
    expect(await row("authelia")).toMatchObject({ enabled: true, version: 1 });
    expect(await row("caddy")).toMatchObject({ enabled: true });
    // The unprotected one did change, by exactly one version.
    expect(await row("grafana")).toMatchObject({ enabled: false, version: 2, updatedBy: "anna" });
  });

  it("deleting a service the repo no longer has unlinks its rows, each one audited, one version each", async () => {
    const grafana = await row("grafana");
    const vhost = await db.virtualHost.findUniqueOrThrow({ where: { subdomain: "grafana" } });
    await db.virtualHost.update({ where: { id: vhost.id }, data: { serviceId: grafana.id } });
    await handEditServices((t) => t.replace(/grafana = \{\s*enable = true;\s*\};\n\s*/, ""), "drop grafana");
    await importRepoIntoDraft(adminAs(db, "anna"), rig.settings);
    expect(await db.service.findUnique({ where: { name: "grafana" } })).toBeNull();
    expect(await db.virtualHost.findUniqueOrThrow({ where: { id: vhost.id } })).toMatchObject({ serviceId: null, version: vhost.version + 1 });
    const unlink = (await events("unlink")).map((e) => [e.entityType, e.entityId, e.actor]);
    expect(unlink).toEqual([["virtualHost", String(vhost.id), "anna"]]);
    expect((await events("import")).map((e) => [e.entityType, e.entityId])).toContainEqual(["service", String(grafana.id)]);
  });
});

describe("versions bump once per change, on every path", () => {
  it("editor update, quick toggle and unlink each add exactly one", async () => {
    const { id } = await createRow(adminAs(db), "service", { ...authelia, name: "jellyfin", title: "Jellyfin" });
    await updateRow(adminAs(db), "service", id, 1, { ...authelia, name: "jellyfin", title: "Jellyfin media" });
    expect((await row("jellyfin")).version).toBe(2);
    await setServiceEnabled(adminAs(db), id, 2, false);
    expect((await row("jellyfin")).version).toBe(3);
    const v = await createRow(adminAs(db), "virtualHost", { subdomain: "media", upstreamPort: "8096", auth: "authelia", enabled: "on", serviceId: String(id) });
    await deleteRow(adminAs(db), "service", id, 3);
    expect(await db.virtualHost.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ version: 2, serviceId: null });
  });
});
