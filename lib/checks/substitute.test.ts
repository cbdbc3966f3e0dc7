import { describe, expect, it } from "vitest";
import { checkDraft, findingsFor } from "./findings";
import { HOMEY_VIEWER, homeyDraft } from "./homey-fixture";
import { badgesFor, NEW_ENTITY_ID, withEntity } from "./substitute";

describe("withEntity", () => {
  it("judges a new rule as the form has it: a duplicate priority shows on its priority field", () => {
    const draft = homeyDraft();
    const taken = draft.accessRules[1].priority;
    const typed = withEntity(draft, "accessRule", NEW_ENTITY_ID, { priority: taken, domains: ["jellyfin"], policy: "two_factor", subjects: [["group:admins"]], title: "ignored" });
    expect(typed.accessRules).toHaveLength(draft.accessRules.length + 1);
    expect(draft.accessRules).toHaveLength(homeyDraft().accessRules.length); // not mutated
    const codes = findingsFor(checkDraft(typed, HOMEY_VIEWER), "accessRule", NEW_ENTITY_ID, "priority").map((f) => f.code);
    expect(codes).toContain("rule.priority-duplicate");
  });

  it("replaces an existing row, keeping what the form does not carry", () => {
    const draft = homeyDraft();
    const admin = draft.virtualHosts.find((v) => v.subdomain === "admin")!;
    const typed = withEntity(draft, "virtualHost", admin.id, { auth: "none" });
    expect(typed.virtualHosts.find((v) => v.id === admin.id)).toEqual({ ...admin, auth: "none" });
    expect(findingsFor(checkDraft(typed, HOMEY_VIEWER), "virtualHost", admin.id, "auth").map((f) => f.code)).toContain("lockout.admin-auth-off");
  });
});

describe("badgesFor", () => {
  it("counts a row's findings and keeps the worst severity", () => {
    const badges = badgesFor(
      [
        { code: "rule.shadowed", severity: "warning", area: "accessRule", entityId: 3, message: "a" },
        { code: "rule.no-domains", severity: "error", area: "accessRule", entityId: 3, message: "b" },
        { code: "vhost.upstream-shared", severity: "warning", area: "virtualHost", entityId: 3, message: "c" },
      ],
      "accessRule",
    );
    expect([...badges]).toEqual([[3, { count: 2, worst: "error", messages: ["a", "b"] }]]);
  });
});
