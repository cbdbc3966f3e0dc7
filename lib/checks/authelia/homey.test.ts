import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalSnapshot } from "@/lib/nix/render";
import type { CheckAccessRule } from "../input";
import { autheliaDomain, orderedRules } from "./homey";

describe("homey → Authelia", () => {
  it("writes labels as the renderer does", () => {
    expect(autheliaDomain("@", "zakobar.com")).toBe("zakobar.com");
    expect(autheliaDomain("*", "zakobar.com")).toBe("*.zakobar.com");
    expect(autheliaDomain("grafana", "zakobar.com")).toBe("grafana.zakobar.com");
  });

  it("orders rules exactly as the renderer writes them, ties included", () => {
    const rule = fc.record({
      priority: fc.integer({ min: 20, max: 23 }),
      domains: fc.array(fc.constantFrom("a", "b", "*", "@"), { minLength: 1, maxLength: 2 }),
      resources: fc.array(fc.constantFrom("^/x", "^/y"), { maxLength: 1 }),
      subjects: fc.array(fc.array(fc.constantFrom("group:admins", "user:z"), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
      policy: fc.constantFrom("bypass", "one_factor", "two_factor", "deny" as const),
      methods: fc.array(fc.constantFrom("GET", "PROPFIND"), { maxLength: 1 }),
      networks: fc.array(fc.constantFrom("10.0.0.0/8"), { maxLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 12 }), (rules) => {
        const withIds: CheckAccessRule[] = rules.map((r, i) => ({ ...r, id: rules.length - i, note: "" }));
        const rendered = canonicalSnapshot({ services: [], virtualHosts: [], monitors: [], backup: { extraPaths: [], exclude: [] }, accessRules: rules }).accessRules;
        const ours = orderedRules(withIds).map(({ id: _id, note: _note, ...r }) => r);
        expect(ours).toEqual(rendered);
      }),
    );
  });
});
