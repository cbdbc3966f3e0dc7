import { describe, expect, it } from "vitest";
import { formatWhen, isoInstant, parseInstant } from "./when";

describe("formatWhen", () => {
  it("converts a git author date with its own offset to UTC instead of relabelling it", () => {
    expect(formatWhen("2026-11-30T23:30:00+01:00")).toBe("2026-11-30 22:30 UTC");
    // Crossing midnight and a negative offset: the day changes too.
    expect(formatWhen("2026-11-30T21:15:00-05:00")).toBe("2026-12-01 02:15 UTC");
    expect(formatWhen("2026-11-30T23:30:00+0130")).toBe("2026-11-30 22:00 UTC");
  });

  it("shows database times (UTC) the same way, with seconds on request", () => {
    expect(formatWhen("2026-11-25T21:40:12.345Z", { seconds: true })).toBe("2026-11-25 21:40:12 UTC");
    expect(formatWhen(new Date(Date.UTC(2026, 10, 25, 21, 40, 12)), { seconds: true })).toBe("2026-11-25 21:40:12 UTC");
    expect(formatWhen("2026-11-25T21:40:12Z")).toBe("2026-11-25 21:40 UTC");
  });

  it("takes a time without a zone as UTC, never as the reader's local time", () => {
    expect(formatWhen("2026-11-25 21:40:12", { seconds: true })).toBe("2026-11-25 21:40:12 UTC");
  });

  it("says — for nothing and keeps text that is not a date as it is", () => {
    expect(formatWhen(null)).toBe("—");
    expect(formatWhen(undefined)).toBe("—");
    expect(formatWhen("")).toBe("—");
    expect(formatWhen("yesterday")).toBe("yesterday");
    expect(formatWhen(new Date(Number.NaN))).toBe("—");
  });

  it("gives the same instant for <time dateTime>", () => {
    expect(isoInstant("2026-11-30T23:30:00+01:00")).toBe("2026-11-30T22:30:00.000Z");
    expect(parseInstant("2026-13-45T00:00:00Z")).toBeNull();
  });
});
