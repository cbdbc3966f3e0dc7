import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/db/client";
import { listRows } from "@/lib/model/queries";
import { expectAppError } from "@/lib/testing/expect-app-error";
import { createTestDatabase } from "@/lib/testing/test-db";
import { actorDisplayName, assertAdmin, issueAdminContext, type AdminContext } from "./admin-context";

describe("AdminContext", () => {
  it("opens the data only when issued by the auth layer: a look-alike object is refused at run time", async () => {
    const { db, cleanup } = await createTestDatabase();
    try {
      const issued = issueAdminContext({ user: "alice", groups: ["admins"], name: "Alice", email: "", source: "proxy" }, db);
      expect(await listRows(issued, "service")).toEqual([]);
      const forged = { identity: issued.identity, actor: "alice", db } as unknown as AdminContext;
      const error = await expectAppError(listRows(forged, "service"));
      expect(error.code).toBe("UNAUTHENTICATED");
      expect(() => assertAdmin({ ...issued })).toThrow(/Sign in through Authelia/);
    } finally {
      await cleanup();
    }
  });

  it("keeps the proxy's display name for the audit log, but not a copy of the user name or a break-glass one", () => {
    const proxy = { user: "demo", groups: ["admins"], name: "Demo Admin", email: "", source: "proxy" as const };
    expect(issueAdminContext(proxy, {} as PrismaClient).actorName).toBe("Demo Admin");
    expect(actorDisplayName({ ...proxy, name: "demo" })).toBeNull();
    expect(actorDisplayName({ ...proxy, name: "  " })).toBeNull();
    expect(actorDisplayName({ ...proxy, source: "break-glass" })).toBeNull();
    expect(actorDisplayName({ ...proxy, source: "system" })).toBeNull();
  });

  it("names break-glass admins as such", () => {
    const context = issueAdminContext({ user: "break-glass", groups: ["admins"], name: "", email: "", source: "break-glass" }, {} as PrismaClient);
    expect(context.actor).toBe("break-glass (break-glass)");
    expect(Object.isFrozen(context)).toBe(true);
  });
});
