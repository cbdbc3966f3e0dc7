// loadCheckDraft: the checker's input read from a real, seeded SQLite file.
import { adminAs } from "@/lib/testing/admin-context";
import { issueAdminContext } from "@/lib/auth/admin-context";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { PrismaClient } from "@/lib/db/client";
import { blockingFindings, checkDraft } from "@/lib/checks";
import { loadCheckDraft, viewerOf } from "./check-draft";
import { seedIfEmpty } from "./seed";
import { SEED_ACCESS_RULES, SEED_MONITORS, SEED_SERVICES } from "./seed-data";

let db: PrismaClient;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDatabase());
  await seedIfEmpty(adminAs(db, "seed"));
});
afterEach(() => cleanup());

describe("loadCheckDraft", () => {
  it("reads every row with decoded lists and homey's settings from the configuration", async () => {
    const draft = await loadCheckDraft(adminAs(db));
    expect(draft).toMatchObject({ domain: "zakobar.com", adminGroup: "admins", adminHost: "admin", defaultPolicy: "deny" });
    expect(draft.services).toHaveLength(SEED_SERVICES.length);
    expect(draft.accessRules).toHaveLength(SEED_ACCESS_RULES.length);
    expect(draft.monitors).toHaveLength(SEED_MONITORS.length);
    const adminRule = draft.accessRules.find((r) => r.domains.includes("admin") && r.policy === "two_factor");
    expect(adminRule?.subjects).toEqual([["group:admins"]]);
    const vote = draft.virtualHosts.find((v) => v.subdomain === "vote")!;
    expect(vote.serviceId).toBe(draft.services.find((s) => s.name === "eurovote")!.id);
    expect(draft.services.find((s) => s.name === "caddy")).toMatchObject({ protected: true, enabled: true });
  });

  it("keeps disabled vhosts and monitors (the renderer leaves them out, the checker judges them)", async () => {
    await db.virtualHost.updateMany({ where: { subdomain: "vote" }, data: { enabled: false } });
    await db.monitor.updateMany({ where: { name: "Eurovision Vote" }, data: { enabled: false } });
    const draft = await loadCheckDraft(adminAs(db), { domain: "example.org" });
    expect(draft.domain).toBe("example.org");
    expect(draft.virtualHosts.find((v) => v.subdomain === "vote")?.enabled).toBe(false);
    expect(draft.monitors.find((m) => m.name === "Eurovision Vote")?.enabled).toBe(false);
  });

  it("judges the seeded homey without errors for an admin, and as a lockout for someone else", async () => {
    const admin = adminAs(db, "ada");
    const draft = await loadCheckDraft(admin);
    expect(blockingFindings(checkDraft(draft, viewerOf(admin)))).toEqual([]);
    const outsider = issueAdminContext({ user: "eve", name: "Eve", email: "", groups: ["users"], source: "proxy" }, db);
    expect(blockingFindings(checkDraft(draft, viewerOf(outsider))).map((f) => f.code)).toEqual(["lockout.admin-unreachable"]);
  });
});
