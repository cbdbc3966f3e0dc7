import { describe, expect, it } from "vitest";
import { displayFieldValue } from "./conflict-values";

describe("displayFieldValue", () => {
  it("shows values as the form has them", () => {
    expect(displayFieldValue(9002)).toBe("9002");
    expect(displayFieldValue("authelia")).toBe("authelia");
    expect(displayFieldValue(true)).toBe("on");
    expect(displayFieldValue(false)).toBe("off");
    expect(displayFieldValue(["grafana", "cloud"])).toBe("grafana, cloud");
    expect(displayFieldValue([["group:admins"], ["user:alice", "group:ops"]])).toBe("group:admins, user:alice + group:ops");
  });

  it("names empty values instead of printing nothing", () => {
    expect(displayFieldValue(null)).toBe("(empty)");
    expect(displayFieldValue("")).toBe("(empty)");
    expect(displayFieldValue([])).toBe("(empty)");
  });
});
