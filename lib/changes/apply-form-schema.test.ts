import { describe, expect, it } from "vitest";
import { applyFormSchema } from "./apply-form-schema";

describe("applyFormSchema", () => {
  it("drops an unedited or empty message so the server writes the summary at apply time", () => {
    expect(applyFormSchema.parse({ message: "homey-admin: x\n", defaultMessage: "homey-admin: x" })).toEqual({ message: undefined });
    expect(applyFormSchema.parse({ message: "  ", defaultMessage: "homey-admin: x" })).toEqual({ message: undefined });
  });

  it("keeps an edited message, with browser line endings normalised", () => {
    expect(applyFormSchema.parse({ message: "Mine\r\n\r\nWhy.", defaultMessage: "homey-admin: x" })).toEqual({ message: "Mine\n\nWhy." });
  });
});
