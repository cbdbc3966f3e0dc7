import { describe, expect, it } from "vitest";
import { loadOnce } from "./use-lazy";

describe("loadOnce (what the editors load after first paint)", () => {
  it("calls a loader once and hands every caller the same value", async () => {
    let calls = 0;
    const loader = async () => ({ call: ++calls });
    const [a, b] = await Promise.all([loadOnce(loader), loadOnce(loader)]);
    expect(a).toBe(b);
    expect(await loadOnce(loader)).toEqual({ call: 1 });
    expect(calls).toBe(1);
  });

  it("tries again after a failed load (a dropped connection is not remembered)", async () => {
    let calls = 0;
    const loader = async () => {
      calls++;
      if (calls === 1) throw new Error("network");
      return "loaded";
    };
    await expect(loadOnce(loader)).rejects.toThrow("network");
    expect(await loadOnce(loader)).toBe("loaded");
    expect(calls).toBe(2);
  });
});
