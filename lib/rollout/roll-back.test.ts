// The refusals of the one rollback operation, against a real migrated SQLite: each comes
// before anything happens (the runner is never asked to start), with a reason people read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/client";
import type { DeployRequest } from "@/lib/deploy/runner";
import { adminAs } from "@/lib/testing/admin-context";
import { expectAppError as rejectsWith } from "@/lib/testing/expect-app-error";
import { createTestDatabase } from "@/lib/testing/test-db";
import { keepDeploy } from "./health-follow-up";
import { startRollback, startRollbackOfNewest } from "./roll-back";

/** The AppError's code and message, checked. */
async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await rejectsWith(promise);
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

let db: PrismaClient;
let cleanup: () => Promise<void>;
const started: DeployRequest[] = [];
const deps = () => ({
  runner: {
    start: async (request: DeployRequest) => (started.push(request), { deployId: 999 }),
    waitFor: async () => null,
  },
  settings: { path: "/nonexistent", branch: "main", generatedDir: "generated", domain: "example.org" },
});

const A = "a".repeat(40);
const B = "b".repeat(40);
const row = (data: { action: string; commitSha: string; status?: string; healthDecision?: string }) =>
  db.deploy.create({ data: { status: "succeeded", actor: "anna", transport: "local", target: "local", ...data } });

beforeAll(async () => {
  ({ db, cleanup } = await createTestDatabase());
});
afterAll(() => cleanup());

describe("startRollback refuses before anything happens", () => {
  it("a deploy that is not a switch that activated, one that is not the running generation, the first generation", async () => {
    const first = await row({ action: "switch", commitSha: A });
    await expectAppError(startRollback(adminAs(db), deps(), { deployId: first.id, trigger: "admin" }), "CONFLICT", /no earlier generation made by homey-admin/);
    const failed = await row({ action: "switch", commitSha: B, status: "failed" });
    await expectAppError(startRollback(adminAs(db), deps(), { deployId: failed.id, trigger: "admin" }), "CONFLICT", /a switch that ended failed/);
    const second = await row({ action: "switch", commitSha: B });
    await row({ action: "switch", commitSha: A });
    await expectAppError(startRollback(adminAs(db), deps(), { deployId: second.id, trigger: "admin" }), "CONFLICT", new RegExp(`Deploy #${second.id} is no longer the running generation`));
    await expectAppError(startRollback(adminAs(db), deps(), { deployId: 12345, trigger: "admin" }), "NOT_FOUND", /There is no deploy #12345/);
    expect(started).toEqual([]);
  });

  it("the history's Roll back steps back plainly when the running generation is itself a rollback", async () => {
    await row({ action: "rollback", commitSha: B });
    expect(await startRollbackOfNewest(adminAs(db), deps())).toBeNull();
    expect(started).toEqual([]);
  });

  it("keep is only for a deploy waiting for a decision, and is recorded", async () => {
    const waiting = await row({ action: "switch", commitSha: A, healthDecision: "pending" });
    await db.deploy.update({ where: { id: waiting.id }, data: { health: JSON.stringify({ verdict: "unhealthy", summary: "unhealthy: wiki (HTTP 502)" }) } });
    await keepDeploy(adminAs(db, "anna"), waiting.id);
    const after = await db.deploy.findUniqueOrThrow({ where: { id: waiting.id } });
    expect([after.healthDecision, after.healthDecisionNote]).toEqual(["kept", "Kept by anna although unhealthy: wiki (HTTP 502)."]);
    expect(await db.auditEvent.count({ where: { action: "keep", entityId: String(waiting.id), actor: "anna" } })).toBe(1);
    await expectAppError(keepDeploy(adminAs(db), waiting.id), "CONFLICT", /not waiting for a decision \(it was kept\)/);
  });
});
