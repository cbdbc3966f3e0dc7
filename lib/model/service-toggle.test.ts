// lib/model/service-toggle.ts against a real SQLite file, migrated with prisma/migrations.
import { adminAs } from "@/lib/testing/admin-context";
import { describe, expect, it } from "vitest";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { freshDatabaseEachTest } from "@/lib/testing/fresh-db";
import type { PrismaClient } from "@/lib/db/client";
import { createRow, updateRow } from "./mutations";
import { setServiceEnabled } from "./service-toggle";

let db: PrismaClient;
freshDatabaseEachTest((fresh) => (db = fresh));

const eurovote = {
  name: "eurovote",
  title: "Eurovision Vote",
  description: "Django app.",
  kind: "external-flake",
  enabled: "on",
  stateDir: "/var/lib/eurovote",
};


const audit = () => db.auditEvent.findMany({ orderBy: { id: "asc" } });

async function protectedService(name: string, enabled: boolean): Promise<number> {
  const row = await db.service.create({ data: { name, title: name, kind: "native", enabled, protected: true, updatedBy: "seed" } });
  return row.id;
}

describe("setServiceEnabled", () => {
  it("switches a service off and on: one versioned, audited update each, other fields untouched", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "service", eurovote);

    const off = await setServiceEnabled(adminAs(db, "bob"), id, 1, false);
    expect(off).toEqual({ id, name: "eurovote", enabled: false, version: 2, changed: true, moved: [] });
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({
      enabled: false,
      version: 2,
      updatedBy: "bob",
      title: "Eurovision Vote",
      description: "Django app.",
      kind: "external-flake",
      stateDir: "/var/lib/eurovote",
      protected: false,
    });

    const on = await setServiceEnabled(adminAs(db, "carol"), id, 2, true);
    expect(on).toMatchObject({ enabled: true, version: 3, changed: true });

    const events = await audit();
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ["create", "alice"],
      ["update", "bob"],
      ["update", "carol"],
    ]);
    expect(JSON.parse(events[1].before!)).toMatchObject({ enabled: true, version: 1 });
    expect(JSON.parse(events[1].after!)).toMatchObject({ enabled: false, version: 2 });
  });

  it("setting the value the draft already has writes nothing", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "service", eurovote);
    expect(await setServiceEnabled(adminAs(db, "bob"), id, 1, true)).toEqual({ id, name: "eurovote", enabled: true, version: 1, changed: false, moved: [] });
    expect((await db.service.findUniqueOrThrow({ where: { id } })).version).toBe(1);
    expect(await audit()).toHaveLength(1);
  });

  it("refuses to switch a protected service off, saying why, and writes nothing", async () => {
    const id = await protectedService("authelia", true);
    const error = await expectAppError(setServiceEnabled(adminAs(db, "bob"), id, 1, false));
    expect(error.code).toBe("PROTECTED");
    expect(error.message).toContain("authelia is protected");
    expect(error.message).toContain("homey's proxy, sign-in and this dashboard depend on it");
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ enabled: true, version: 1 });
    expect(await audit()).toHaveLength(0);
  });

  it("refuses a protected service off even with a stale version (the reason beats the conflict)", async () => {
    const id = await protectedService("caddy", true);
    expect((await expectAppError(setServiceEnabled(adminAs(db, "bob"), id, 7, false))).code).toBe("PROTECTED");
  });

  it("lets a protected service that is off be switched on", async () => {
    const id = await protectedService("openldap", false);
    expect(await setServiceEnabled(adminAs(db, "bob"), id, 1, true)).toMatchObject({ enabled: true, version: 2, changed: true, moved: [] });
  });

  it("a stale version is a conflict that reports the current row and overwrites nothing", async () => {
    const { id } = await createRow(adminAs(db, "alice"), "service", eurovote);
    await updateRow(adminAs(db, "dave"), "service", id, 1, { ...eurovote, title: "Vote" });

    const error = await expectAppError(setServiceEnabled(adminAs(db, "bob"), id, 1, false));
    expect(error.code).toBe("VERSION_CONFLICT");
    expect(error.message).toContain("dave changed eurovote");
    expect(error.message).toContain("it is now on in the draft");
    expect(error.details).toEqual({ current: { id, version: 2, enabled: true } });
    expect(await db.service.findUniqueOrThrow({ where: { id } })).toMatchObject({ enabled: true, version: 2, title: "Vote" });
  });

  it("a missing service is NOT_FOUND", async () => {
    expect((await expectAppError(setServiceEnabled(adminAs(db, "bob"), 999, 1, false))).code).toBe("NOT_FOUND");
  });
});
