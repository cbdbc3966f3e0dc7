import { describe, expect, it } from "vitest";
import { parseRowId } from "./row-id";

describe("parseRowId", () => {
  it("reads plain positive decimals", () => {
    expect(parseRowId("1")).toBe(1);
    expect(parseRowId("999999")).toBe(999999);
    expect(parseRowId("2147483647")).toBe(2147483647);
  });

  it.each(["", "abc", "1.5", "-1", "0", "012", "1e3", "0x10", " 1", "1 ", "+1", "2147483648", "99999999999"])("names no row for %j", (raw) => {
    expect(parseRowId(raw)).toBeNull();
  });
});
