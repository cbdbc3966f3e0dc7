import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password-hash";
import { AttemptLimiter } from "./rate-limit";

describe("break-glass password hash", () => {
  it("verifies the right password only", () => {
    const stored = hashPassword("correct horse");
    expect(verifyPassword("correct horse", stored)).toBe(true);
    expect(verifyPassword("correct hors", stored)).toBe(false);
    expect(verifyPassword("correct horse", "plain-text")).toBe(false);
  });
});

describe("AttemptLimiter", () => {
  it("refuses attempts past the limit until the window passes", () => {
    let now = 0;
    const limiter = new AttemptLimiter(2, 1000, () => now);
    expect(limiter.tryAttempt("k")).toBe(true);
    expect(limiter.tryAttempt("k")).toBe(true);
    expect(limiter.tryAttempt("k")).toBe(false);
    now = 1001;
    expect(limiter.tryAttempt("k")).toBe(true);
  });
});
