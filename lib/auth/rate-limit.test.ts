import { describe, expect, it } from "vitest";
import { AttemptLimiter, type LimiterSettings } from "./rate-limit";

const MIN = 60_000;
const settings: LimiterSettings = { maxFailures: 5, windowMs: 15 * MIN, lockMs: 15 * MIN, maxLockMs: 60 * MIN, forgetAfterMs: 24 * 60 * MIN, maxKeys: 100 };

function rig(overrides: Partial<LimiterSettings> = {}) {
  const clock = { now: 0 };
  const limiter = new AttemptLimiter({ ...settings, ...overrides }, () => clock.now);
  const fail = (key: string, times: number) => {
    let last;
    for (let i = 0; i < times; i++) {
      expect(limiter.check(key).allowed).toBe(true);
      last = limiter.recordFailure(key);
    }
    return last!;
  };
  return { clock, limiter, fail };
}

describe("AttemptLimiter", () => {
  it("locks a key after five failures in the window, and says for how long", () => {
    const { limiter, fail, clock } = rig();
    expect(fail("10.0.0.7", 4)).toEqual({ locked: false, failures: 4, remaining: 1 });
    expect(fail("10.0.0.7", 1)).toMatchObject({ locked: true, failures: 5, lockMs: 15 * MIN, lockout: 1 });
    clock.now += 3 * MIN;
    expect(limiter.check("10.0.0.7")).toEqual({ allowed: false, retryAfterMs: 12 * MIN, lockedUntil: 15 * MIN, refused: 1 });
    expect(limiter.check("10.0.0.7")).toMatchObject({ allowed: false, refused: 2 });
    clock.now = 15 * MIN;
    expect(limiter.check("10.0.0.7").allowed).toBe(true);
  });

  it("limits per key: one address's failures never lock another out", () => {
    const { limiter, fail } = rig();
    fail("10.0.0.7", 5);
    expect(limiter.check("10.0.0.7").allowed).toBe(false);
    expect(limiter.check("192.168.1.20").allowed).toBe(true);
    expect(limiter.recordFailure("192.168.1.20")).toMatchObject({ locked: false, failures: 1 });
  });

  it("forgets failures older than the window", () => {
    const { fail, clock } = rig();
    fail("k", 4);
    clock.now += 15 * MIN + 1;
    expect(fail("k", 1)).toEqual({ locked: false, failures: 1, remaining: 4 });
  });

  it("doubles the lock on each repeated lockout, up to the cap", () => {
    const { fail, clock } = rig();
    const locks: number[] = [];
    for (let i = 0; i < 4; i++) {
      const outcome = fail("k", 5);
      if (!outcome.locked) throw new Error("expected a lockout");
      locks.push(outcome.lockMs / MIN);
      clock.now = outcome.lockedUntil; // the attacker comes back the moment the lock ends
    }
    expect(locks).toEqual([15, 30, 60, 60]);
  });

  it("starts the back-off again after a quiet day, or after a successful sign-in", () => {
    const { limiter, fail, clock } = rig();
    const first = fail("k", 5);
    if (!first.locked) throw new Error("expected a lockout");
    clock.now = first.lockedUntil + 24 * 60 * MIN;
    expect(fail("k", 5)).toMatchObject({ locked: true, lockMs: 15 * MIN, lockout: 1 });

    const other = fail("j", 5);
    if (!other.locked) throw new Error("expected a lockout");
    clock.now = other.lockedUntil;
    limiter.recordSuccess("j");
    expect(fail("j", 5)).toMatchObject({ locked: true, lockMs: 15 * MIN, lockout: 1 });
  });

  it("remembers at most maxKeys keys, dropping the least recently seen", () => {
    const { limiter, fail } = rig({ maxKeys: 3 });
    fail("a", 5);
    fail("b", 5);
    fail("c", 5);
    expect(limiter.check("a").allowed).toBe(false); // a is now the most recently seen
    fail("d", 1);
    expect(limiter.check("b").allowed).toBe(true); // b was dropped
    expect(limiter.check("a").allowed).toBe(false);
    expect(limiter.check("c").allowed).toBe(false);
  });
});
