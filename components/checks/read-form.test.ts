import { describe, expect, it } from "vitest";
import { z } from "zod";
import { accessRuleSchema } from "@/lib/model/schemas/access-rule";
import { monitorSchema } from "@/lib/model/schemas/monitor";
import { readValues } from "./read-form";

describe("readValues (the live checker's reading of a half-typed form)", () => {
  it("takes the whole form when it parses", () => {
    const reading = readValues(monitorSchema, { name: "Cloud", type: "http", target: "cloud/status.php", interval: "60", maxretries: "1" });
    expect(reading.invalid.size).toBe(0);
    expect(reading.values).toMatchObject({ name: "Cloud", interval: 60, enabled: false });
  });

  it("reads each field that parses on its own, also of an object schema with a cross-field refinement", () => {
    const reading = readValues(accessRuleSchema, { priority: "abc", domains: "grafana", policy: "deny", resources: "", subjects: "", methods: "", networks: "" });
    expect([...reading.invalid]).toEqual(["priority"]);
    expect(reading.values).toMatchObject({ domains: ["grafana"], policy: "deny" });
  });

  it("reads nothing from a schema that is not an object when the value does not parse", () => {
    expect(readValues(z.number(), { a: "1" })).toEqual({ values: {}, invalid: new Set() });
  });
});
