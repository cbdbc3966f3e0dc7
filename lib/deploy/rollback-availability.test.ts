import { describe, expect, it } from "vitest";
import { rollbackAvailability } from "./rollback-availability";

const A = "a".repeat(40);
const B = "b".repeat(40);
const C = "c".repeat(40);
const d = (id: number, action: string, commitSha: string, status = "succeeded") => ({ id, action, commitSha, status });

describe("rollbackAvailability", () => {
  it("no switch yet, or only the first one: not offered, with the reason", () => {
    expect(rollbackAvailability([])).toMatchObject({ available: false, reason: expect.stringMatching(/has not switched this target yet/) });
    expect(rollbackAvailability([d(1, "switch", A), d(2, "build", B)])).toMatchObject({
      available: false,
      reason: expect.stringMatching(/no earlier generation made by homey-admin/),
    });
    // A failed switch made no generation.
    expect(rollbackAvailability([d(1, "switch", A), d(2, "switch", B, "failed")]).available).toBe(false);
  });

  it("two switches: offered, naming the earlier commit; a rollback then leaves none", () => {
    expect(rollbackAvailability([d(1, "switch", A), d(2, "switch", B)])).toEqual({ available: true, previous: { commitSha: A, deployId: 1 } });
    expect(rollbackAvailability([d(1, "switch", A), d(2, "switch", B), d(3, "rollback", A)]).available).toBe(false);
  });

  it("a switch after a rollback adds a generation on top: the rollback goes to the one rolled back from", () => {
    const r = rollbackAvailability([d(1, "switch", A), d(2, "switch", B), d(3, "rollback", A), d(4, "switch", C)]);
    expect(r).toEqual({ available: true, previous: { commitSha: B, deployId: 2 } });
  });
});
