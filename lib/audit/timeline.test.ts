// The history as people read it, from real writes through the one write path on a fresh
// migrated SQLite: sentences, links, field tables, deploys merged in at read time, filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/client";
import { createRow, deleteRow, updateRow } from "@/lib/model/mutations";
import { setServiceEnabled } from "@/lib/model/service-toggle";
import { adminAs } from "@/lib/testing/admin-context";
import { createTestDatabase } from "@/lib/testing/test-db";
import { existingRows, listTimeline, timelineActors } from "./timeline";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
const sentence = (e: { actor: string; text: string }) => `${e.actor} ${e.text}`;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database?.cleanup());

describe("listTimeline", () => {
  it("tells what happened in sentences, with direction, links and a field table", async () => {
    const demo = adminAs(db, "demo", "Demo Admin");
    const anna = adminAs(db, "anna");
    const { id: serviceId } = await createRow(demo, "service", { name: "eurovote", title: "Eurovision Vote", kind: "external-flake", enabled: "on", stateDir: "" });
    const service = await db.service.findUniqueOrThrow({ where: { id: serviceId } });
    await setServiceEnabled(demo, serviceId, service.version, false);
    await setServiceEnabled(demo, serviceId, service.version + 1, true);
    const { id: vhostId } = await createRow(anna, "virtualHost", { subdomain: "jellyfin", upstreamHost: "127.0.0.1", upstreamPort: "8096", auth: "authelia", enabled: "on", serviceId: String(serviceId) });
    await updateRow(anna, "virtualHost", vhostId, 1, { subdomain: "jellyfin", upstreamHost: "127.0.0.1", upstreamPort: "8097", auth: "none", enabled: "on", serviceId: String(serviceId) });
    const { id: gone } = await createRow(anna, "backupPath", { path: "/var/lib/jellyfin", mode: "include", note: "" });
    await deleteRow(anna, "backupPath", gone, 1);

    const { entries } = await listTimeline(demo);
    expect(entries.map(sentence)).toEqual([
      "anna removed backup path /var/lib/jellyfin (include)",
      "anna added backup path /var/lib/jellyfin (include)",
      "anna changed vhost jellyfin",
      "anna added vhost jellyfin → 127.0.0.1:8096 (Authelia)",
      "Demo Admin enabled eurovote",
      "Demo Admin disabled eurovote",
      "Demo Admin added service eurovote (external-flake)",
    ]);
    // The display name (Remote-Name) where the proxy sent one, else the user name (Remote-User).
    const changed = entries[2];
    expect(changed.fields).toEqual([
      { field: "port", before: "8096", after: "8097" },
      { field: "auth", before: "Authelia", after: "no sign-in" },
    ]);
    // Only rows that still exist get a link.
    const existing = await existingRows(demo, entries);
    expect(existing.has(`virtualHost:${vhostId}`)).toBe(true);
    expect(existing.has(`service:${serviceId}`)).toBe(true);
    expect(existing.has(`backupPath:${gone}`)).toBe(false);
    expect(entries[0].target).toBeNull();
  });

  it("merges deploys, rollbacks and cancels into the same timeline, newest first, and filters by area and actor", async () => {
    const demo = adminAs(db, "demo", "Demo Admin");
    const later = (s: number) => new Date(Date.now() + s * 1000);
    await db.deploy.create({ data: { commitSha: "a".repeat(40), action: "switch", status: "succeeded", actor: "anna", transport: "local", target: "local", startedAt: later(1), finishedAt: later(2) } });
    await db.deploy.create({ data: { commitSha: "b".repeat(40), action: "switch", status: "cancelled", actor: "anna", transport: "local", target: "local", startedAt: later(3) } });
    await db.deploy.create({ data: { commitSha: "a".repeat(40), action: "rollback", status: "failed", error: "switch-to-configuration exited 4", actor: "demo", transport: "local", target: "local", startedAt: later(4) } });
    await db.auditEvent.create({ data: { actor: "anna", action: "apply", entityType: "commit", entityId: "c".repeat(40), after: JSON.stringify({ subject: "homey-admin: disable eurovote", files: ["generated/services.nix"] }), createdAt: later(5) } });

    const { entries } = await listTimeline(demo, { take: 4 });
    expect(entries.map(sentence)).toEqual([
      "anna applied the draft: commit ccccccc “homey-admin: disable eurovote” (1 file)",
      // A deploy stores the user only: the name comes from demo's audit events (Remote-Name "Demo Admin").
      "Demo Admin rolled back to aaaaaaa: failed — switch-to-configuration exited 4 · deploy #3",
      "anna deployed bbbbbbb (switch): cancelled · deploy #2",
      "anna deployed aaaaaaa (switch): succeeded · deploy #1",
    ]);
    expect(entries[1].target).toEqual({ kind: "deploy", id: 3 });

    expect((await listTimeline(demo, { area: "deploy" })).entries).toHaveLength(3);
    const annaDeploys = await listTimeline(demo, { area: "deploy", actor: "anna" });
    expect(annaDeploys.entries.map((e) => e.text.split(":")[0])).toEqual(["deployed bbbbbbb (switch)", "deployed aaaaaaa (switch)"]);
    const services = await listTimeline(demo, { area: "service", actor: "demo" });
    expect(services.entries.map(sentence)).toEqual(["Demo Admin enabled eurovote", "Demo Admin disabled eurovote", "Demo Admin added service eurovote (external-flake)"]);
    expect(await timelineActors(demo)).toEqual(["anna", "demo"]);
  });

  it("pages across both sources without losing or repeating an entry", async () => {
    const demo = adminAs(db, "demo", "Demo Admin");
    const all = (await listTimeline(demo, { take: 100 })).entries.map((e) => e.key);
    const paged: string[] = [];
    for (let skip = 0; ; skip += 3) {
      const page = await listTimeline(demo, { skip, take: 3 });
      paged.push(...page.entries.map((e) => e.key));
      if (!page.hasMore) break;
    }
    expect(paged).toEqual(all);
    expect(all.length).toBe(11);
  });
});
