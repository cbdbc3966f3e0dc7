// Failed-attempt limiter per key (a source address), in memory: enough for one admin box and
// one process. Pure apart from the injected clock, so tests drive time.
//
// `maxFailures` wrong passwords within `windowMs` lock the key for `lockMs`; each further
// lockout of the same key doubles the lock (15 min, 30 min, 1 h, … up to `maxLockMs`), until
// the key has stayed quiet for `forgetAfterMs` after its last lock, or signs in. One key's
// failures never lock another key out: that is what made the old single global key a way to
// lock the real admin out.

export interface LimiterSettings {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
  maxLockMs: number;
  /** A key quiet this long after its last lock starts again from the first lock length. */
  forgetAfterMs: number;
  /** At most this many keys are remembered; the least recently seen is dropped first. */
  maxKeys: number;
}

export const BREAK_GLASS_LIMITS: LimiterSettings = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  maxLockMs: 24 * 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
  maxKeys: 10_000,
};

interface KeyState {
  failures: number[];
  lockedUntil: number;
  /** Lockouts in the current streak; the next one lasts lockMs · 2^lockouts. */
  lockouts: number;
  /** Attempts refused during the current lock. */
  refused: number;
}

export type Gate =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; lockedUntil: number; refused: number };

export type FailureOutcome =
  | { locked: false; failures: number; remaining: number }
  | { locked: true; failures: number; lockMs: number; lockedUntil: number; lockout: number };

export class AttemptLimiter {
  private readonly keys = new Map<string, KeyState>();

  constructor(
    private readonly settings: LimiterSettings = BREAK_GLASS_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Before checking a password: refused (and counted) while the key is locked. */
  check(key: string): Gate {
    const now = this.now();
    const state = this.keys.get(key);
    if (!state || state.lockedUntil <= now) return { allowed: true };
    state.refused += 1;
    this.touch(key, state);
    return { allowed: false, retryAfterMs: state.lockedUntil - now, lockedUntil: state.lockedUntil, refused: state.refused };
  }

  /** After a wrong password. */
  recordFailure(key: string): FailureOutcome {
    const now = this.now();
    const state = this.stateOf(key, now);
    state.failures = state.failures.filter((t) => t > now - this.settings.windowMs);
    state.failures.push(now);
    this.touch(key, state);
    if (state.failures.length < this.settings.maxFailures) {
      return { locked: false, failures: state.failures.length, remaining: this.settings.maxFailures - state.failures.length };
    }
    const failures = state.failures.length;
    const lockMs = Math.min(this.settings.lockMs * 2 ** state.lockouts, this.settings.maxLockMs);
    state.lockouts += 1;
    state.lockedUntil = now + lockMs;
    state.refused = 0;
    state.failures = [];
    return { locked: true, failures, lockMs, lockedUntil: state.lockedUntil, lockout: state.lockouts };
  }

  /** After the right password: the key starts afresh. */
  recordSuccess(key: string): void {
    this.keys.delete(key);
  }

  private stateOf(key: string, now: number): KeyState {
    const state = this.keys.get(key);
    if (!state) return { failures: [], lockedUntil: 0, lockouts: 0, refused: 0 };
    // Quiet long enough since the last lock ended: back-off forgotten.
    if (state.lockouts > 0 && state.lockedUntil + this.settings.forgetAfterMs <= now) state.lockouts = 0;
    return state;
  }

  private touch(key: string, state: KeyState): void {
    // Re-insert so Map order is least recently seen first, then drop the oldest over the cap.
    this.keys.delete(key);
    this.keys.set(key, state);
    while (this.keys.size > this.settings.maxKeys) {
      const oldest = this.keys.keys().next().value;
      if (oldest === undefined) break;
      this.keys.delete(oldest);
    }
  }
}
