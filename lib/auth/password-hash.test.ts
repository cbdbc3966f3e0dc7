import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password-hash";

describe("break-glass password hash", () => {
  it("verifies the right password only", () => {
    const stored = hashPassword("correct horse");
    expect(verifyPassword("correct horse", stored)).toBe(true);
    expect(verifyPassword("correct hors", stored)).toBe(false);
    expect(verifyPassword("correct horse", "plain-text")).toBe(false);
  });
});
