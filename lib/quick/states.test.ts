import { describe, expect, it } from "vitest";
import { differencePhrase, type ServiceStates } from "./states";

const s = (draft: boolean, committed: ServiceStates["committed"], deployed: ServiceStates["deployed"]): ServiceStates => ({ draft, committed, deployed });

describe("differencePhrase", () => {
  it("says nothing when every known state agrees", () => {
    expect(differencePhrase(s(true, "on", "on"))).toBeNull();
    expect(differencePhrase(s(false, "off", "off"))).toBeNull();
    expect(differencePhrase(s(false, "not set", "not set"))).toBeNull();
    expect(differencePhrase(s(true, "on", "unknown"))).toBeNull();
    expect(differencePhrase(s(true, "unknown", "unknown"))).toBeNull();
    expect(differencePhrase(s(true, "unknown", "on"))).toBeNull();
  });

  it("switched in the draft only", () => {
    expect(differencePhrase(s(false, "on", "on"))).toBe("off in draft, still running");
    expect(differencePhrase(s(true, "off", "off"))).toBe("on in draft, not running yet");
    expect(differencePhrase(s(true, "not set", "not set"))).toBe("on in draft, not running yet");
  });

  it("committed but not deployed", () => {
    expect(differencePhrase(s(false, "off", "on"))).toBe("off in the last commit, still running");
    expect(differencePhrase(s(true, "on", "off"))).toBe("on in the last commit, not running yet");
    expect(differencePhrase(s(true, "on", "not set"))).toBe("on in the last commit, not running yet");
  });

  it("never deployed from homey-admin: compares the draft with the last commit", () => {
    expect(differencePhrase(s(false, "on", "unknown"))).toBe("off in draft, not committed yet");
    expect(differencePhrase(s(true, "not set", "unknown"))).toBe("on in draft, not committed yet");
  });

  it("draft and system agree but the last commit differs (committed, not deployed, switched back)", () => {
    expect(differencePhrase(s(true, "off", "on"))).toBe("on in draft and running, off in the last commit");
  });

  it("an unreadable commit still reports a running system that differs", () => {
    expect(differencePhrase(s(false, "unknown", "on"))).toBe("off in draft, still running");
  });
});
