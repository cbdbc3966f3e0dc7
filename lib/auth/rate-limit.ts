// A fixed-window attempt counter in memory: enough for one admin box and one process.
export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; false when the key has used up its attempts in the window. */
  tryAttempt(key: string): boolean {
    const since = this.now() - this.windowMs;
    const recent = (this.attempts.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.max) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(this.now());
    this.attempts.set(key, recent);
    return true;
  }
}
