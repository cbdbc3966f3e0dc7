// The real break-glass authorize() against a real migrated SQLite file: per-address limits,
// the message code for the form, and an audit table that stays bounded under a flood.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createBreakGlassAuthorize } from "./break-glass-authorize";
import { breakGlassErrorMessage } from "./break-glass-errors";
import { hashPassword } from "./password-hash";
import { AttemptLimiter, BREAK_GLASS_LIMITS } from "./rate-limit";

const MIN = 60_000;
const PASSWORD = "correct horse battery";

let db: PrismaClient;
let cleanup: () => Promise<void>;
let dir: string;
let clock: { now: number };
let authorize: ReturnType<typeof createBreakGlassAuthorize>;

beforeEach(async () => {
  ({ db, cleanup } = await createTestDatabase());
  dir = mkdtempSync(path.join(tmpdir(), "homey-breakglass-"));
  const hashFile = path.join(dir, "break-glass.hash");
  writeFileSync(hashFile, `${hashPassword(PASSWORD)}\n`);
  clock = { now: Date.UTC(2026, 11, 1, 12, 0, 0) };
  const limiter = new AttemptLimiter(BREAK_GLASS_LIMITS, () => clock.now);
  authorize = createBreakGlassAuthorize({ db, hashFile: () => hashFile, limiter, trustedProxies: () => ["127.0.0.1"] });
});

afterEach(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** The request as server.ts and next-auth hand it over: the TCP peer in x-homey-peer. */
const from = (peer: string, extra: Record<string, string> = {}) => ({ headers: { "x-homey-peer": peer, ...extra } });

/** null (wrong password), the user, or the error code next-auth would pass to the form. */
async function attempt(password: string, request: ReturnType<typeof from>): Promise<string | null> {
  try {
    const user = await authorize({ password }, request);
    return user ? `user:${user.id}` : null;
  } catch (e) {
    return (e as Error).message;
  }
}

const actions = async () => (await db.auditEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.action);

describe("break-glass authorize", () => {
  it("locks an address after five wrong passwords and tells the form for how long", async () => {
    const attacker = from("10.0.0.7");
    for (let i = 0; i < 4; i++) expect(await attempt("guess", attacker)).toBeNull();
    expect(await attempt("guess", attacker)).toBe("RateLimited:15");
    clock.now += 3 * MIN;
    const refused = await attempt(PASSWORD, attacker); // even the right password, while locked
    expect(refused).toBe("RateLimited:12");
    expect(breakGlassErrorMessage(refused!)).toBe("Too many attempts from your address; try again in 12 min. Every attempt is audited.");
  });

  it("does not lock the admin out from another address (peer 127.0.0.2 on loopback)", async () => {
    for (let i = 0; i < 6; i++) await attempt("guess", from("127.0.0.3"));
    expect(await attempt(PASSWORD, from("127.0.0.3"))).toMatch(/^RateLimited:/);
    expect(await attempt(PASSWORD, from("127.0.0.2"))).toBe("user:break-glass");
  });

  it("behind the trusted proxy, limits the client named in X-Forwarded-For, not the proxy", async () => {
    const viaProxy = (client: string) => from("127.0.0.1", { "x-forwarded-for": client });
    for (let i = 0; i < 5; i++) await attempt("guess", viaProxy("203.0.113.9"));
    expect(await attempt(PASSWORD, viaProxy("203.0.113.9"))).toMatch(/^RateLimited:/);
    expect(await attempt(PASSWORD, viaProxy("192.168.1.20"))).toBe("user:break-glass");
    // From an untrusted peer, X-Forwarded-For is the attacker's own claim: ignored.
    for (let i = 0; i < 5; i++) await attempt("guess", from("10.0.0.8", { "x-forwarded-for": "192.168.1.30" }));
    expect(await attempt(PASSWORD, from("10.0.0.9", { "x-forwarded-for": "10.0.0.8" }))).toBe("user:break-glass");
    expect(await attempt(PASSWORD, viaProxy("192.168.1.30"))).toBe("user:break-glass");
  });

  it("backs off: the second lockout of an address lasts twice as long", async () => {
    const attacker = from("10.0.0.7");
    for (let i = 0; i < 5; i++) await attempt("guess", attacker);
    clock.now += 15 * MIN;
    for (let i = 0; i < 4; i++) expect(await attempt("guess", attacker)).toBeNull();
    expect(await attempt("guess", attacker)).toBe("RateLimited:30");
  });

  it("keeps the audit table bounded: refused attempts raise one lockout event's count", async () => {
    const attacker = from("10.0.0.7");
    for (let i = 0; i < 5; i++) await attempt("guess", attacker);
    const afterLockout = await db.auditEvent.count();
    for (let i = 0; i < 200; i++) await attempt("guess", attacker);
    expect(await db.auditEvent.count()).toBe(afterLockout);
    expect(await actions()).toEqual([...Array(5).fill("break-glass-failed"), "break-glass-locked"]);

    const locked = await db.auditEvent.findFirstOrThrow({ where: { action: "break-glass-locked" } });
    expect(locked.entityId).toBe("10.0.0.7");
    expect(JSON.parse(locked.after!)).toMatchObject({ address: "10.0.0.7", failures: 5, lockedMinutes: 15, refused: 200 });

    // The next lockout is a new event with its own count.
    clock.now += 15 * MIN;
    for (let i = 0; i < 5; i++) await attempt("guess", attacker);
    await attempt("guess", attacker);
    const lockouts = await db.auditEvent.findMany({ where: { action: "break-glass-locked" }, orderBy: { id: "asc" } });
    expect(lockouts.map((e) => JSON.parse(e.after!))).toMatchObject([
      { lockedMinutes: 15, refused: 200 },
      { lockedMinutes: 30, refused: 1 },
    ]);
  });

  it("audits a sign-in with the address it came from", async () => {
    expect(await attempt(PASSWORD, from("127.0.0.2"))).toBe("user:break-glass");
    const event = await db.auditEvent.findFirstOrThrow();
    expect(event.action).toBe("break-glass-login");
    expect(JSON.parse(event.after!)).toEqual({ detail: "signed in", address: "127.0.0.2" });
  });
});
