import { describe, expect, it } from "vitest";
import { perRequest, withRequestScope } from "./request-memo";

describe("perRequest", () => {
  it("runs once per request scope and arguments, by identity", async () => {
    let calls = 0;
    const read = perRequest((who: object, what: string) => ({ n: ++calls, what }));
    const alice = {};
    const bob = {};
    const first = await withRequestScope(async () => {
      const a = read(alice, "x");
      expect(read(alice, "x")).toBe(a);
      expect(read(alice, "y")).not.toBe(a);
      expect(read(bob, "x")).not.toBe(a);
      return a;
    });
    expect(calls).toBe(3);
    // Another request reads afresh.
    const second = await withRequestScope(async () => read(alice, "x"));
    expect(second).not.toBe(first);
    expect(calls).toBe(4);
  });

  it("keeps scopes that run at the same time apart", async () => {
    let calls = 0;
    const read = perRequest(async (key: string) => ++calls + key.length * 0);
    const [a, b] = await Promise.all([withRequestScope(() => read("k")), withRequestScope(() => read("k"))]);
    expect(new Set([a, b]).size).toBe(2);
  });

  it("memoizes nothing outside a scope and a render", () => {
    let calls = 0;
    const read = perRequest(() => ++calls);
    read();
    read();
    expect(calls).toBe(2);
  });
});
