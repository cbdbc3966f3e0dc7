// A service and its dependents move together through the one write path: the editor's
// update and the quick toggle both switch its vhosts and monitors in the service's
// transaction, each row audited; switching on again restores them.
import { adminAs } from "@/lib/testing/admin-context";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { PrismaClient } from "@/lib/db/client";
import { loadDraftSnapshot } from "./draft";
import { createRow, updateRow } from "./mutations";
import { setServiceEnabled } from "./service-toggle";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let serviceId: number;

const eurovote = { name: "eurovote", title: "Eurovision Vote", description: "", kind: "external-flake", enabled: "on", stateDir: "/var/lib/eurovote" };

beforeEach(async () => {
  ({ db, cleanup } = await createTestDatabase());
  ({ id: serviceId } = await createRow(adminAs(db, "seed"), "service", eurovote));
  await createRow(adminAs(db, "seed"), "virtualHost", { subdomain: "vote", upstreamPort: "8000", auth: "authelia", enabled: "on", serviceId: String(serviceId) });
  await createRow(adminAs(db, "seed"), "monitor", { name: "Eurovision Vote", type: "http", target: "vote/", interval: "120", keyword: "", maxretries: "1", enabled: "on", serviceId: String(serviceId) });
  // Not linked: must not move.
  await createRow(adminAs(db, "seed"), "virtualHost", { subdomain: "other", upstreamPort: "8001", auth: "authelia", enabled: "on", serviceId: "" });
});
afterEach(() => cleanup());

const state = async () => ({
  service: (await db.service.findUniqueOrThrow({ where: { id: serviceId } })).enabled,
  vote: await db.virtualHost.findUniqueOrThrow({ where: { subdomain: "vote" } }),
  other: (await db.virtualHost.findUniqueOrThrow({ where: { subdomain: "other" } })).enabled,
  monitor: await db.monitor.findUniqueOrThrow({ where: { name: "Eurovision Vote" } }),
});
const movedEvents = () => db.auditEvent.findMany({ where: { action: { in: ["disable-with-service", "enable-with-service"] } }, orderBy: { id: "asc" } });

describe("the quick toggle with dependents", () => {
  it("switches the vhost and monitor off with the service, each audited, and the renderer leaves them out", async () => {
    const result = await setServiceEnabled(adminAs(db, "ada"), serviceId, 1, false, { withDependents: true });
    expect(result.moved).toEqual(["Also switched off with the service: vhost vote, monitor Eurovision Vote."]);
    const s = await state();
    expect(s).toMatchObject({ service: false, other: true, vote: { enabled: false, version: 2, updatedBy: "ada" }, monitor: { enabled: false, version: 2 } });
    expect((await movedEvents()).map((e) => [e.action, e.entityType, e.actor])).toEqual([
      ["disable-with-service", "virtualHost", "ada"],
      ["disable-with-service", "monitor", "ada"],
    ]);
    const snapshot = await loadDraftSnapshot(adminAs(db));
    expect(snapshot.virtualHosts.map((v) => v.subdomain)).toEqual(["other"]);
    expect(snapshot.monitors).toEqual([]);

    // On again: restored, again one audited change each.
    const on = await setServiceEnabled(adminAs(db, "bob"), serviceId, 2, true, { withDependents: true });
    expect(on.moved).toEqual(["Also switched on with the service: vhost vote, monitor Eurovision Vote."]);
    expect(await state()).toMatchObject({ service: true, vote: { enabled: true, version: 3 }, monitor: { enabled: true, version: 3 } });
    expect((await movedEvents()).map((e) => e.action)).toEqual(["disable-with-service", "disable-with-service", "enable-with-service", "enable-with-service"]);
  });

  it("leaves them alone when the admin unticks the offer", async () => {
    await setServiceEnabled(adminAs(db, "ada"), serviceId, 1, false);
    expect(await state()).toMatchObject({ service: false, vote: { enabled: true, version: 1 }, monitor: { enabled: true, version: 1 } });
    expect(await movedEvents()).toEqual([]);
  });

  it("changes nothing at all when the service's version is stale", async () => {
    await setServiceEnabled(adminAs(db, "ada"), serviceId, 1, false);
    expect((await expectAppError(setServiceEnabled(adminAs(db, "bob"), serviceId, 1, true, { withDependents: true }))).code).toBe("VERSION_CONFLICT");
    expect(await state()).toMatchObject({ service: false, vote: { enabled: true, version: 1 } });
  });
});

describe("the service editor with dependents", () => {
  it("moves them in the same transaction as the service, and only when enabled changes", async () => {
    const saved = await updateRow(adminAs(db, "ada"), "service", serviceId, 1, { ...eurovote, enabled: "" }, { withDependents: true });
    expect(saved.warnings[0]).toBe("Also switched off with the service: vhost vote, monitor Eurovision Vote.");
    expect(await state()).toMatchObject({ service: false, vote: { enabled: false }, monitor: { enabled: false } });

    // Another field changes, enabled does not: the dependents stay as they are.
    await updateRow(adminAs(db, "ada"), "service", serviceId, 2, { ...eurovote, enabled: "", title: "Vote" }, { withDependents: true });
    expect((await state()).vote.enabled).toBe(false);

    await updateRow(adminAs(db, "ada"), "service", serviceId, 3, { ...eurovote, title: "Vote" }, { withDependents: true });
    expect(await state()).toMatchObject({ service: true, vote: { enabled: true }, monitor: { enabled: true } });
  });

  it("rolls the dependents back with the service when the service's save is refused", async () => {
    // A protected service cannot be switched off: the refusal comes before any dependent moves.
    const caddy = await db.service.create({ data: { name: "caddy", title: "Caddy", kind: "native", protected: true } });
    await db.virtualHost.update({ where: { subdomain: "other" }, data: { serviceId: caddy.id } });
    const refused = await expectAppError(
      updateRow(adminAs(db, "ada"), "service", caddy.id, 1, { name: "caddy", title: "Caddy", description: "", kind: "native", enabled: "", stateDir: "" }, { withDependents: true }),
    );
    expect(refused.code).toBe("PROTECTED");
    expect((await state()).other).toBe(true);
  });
});
