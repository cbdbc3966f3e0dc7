import { describe, expect, it } from "vitest";
import { homeyDraft } from "@/lib/checks/homey-fixture";
import { changeTarget, initialImportTitle, isInitialImport } from "./change-links";
import { EMPTY_SNAPSHOT, ruleLabel, type AreaSummary } from "./summary";

describe("changeTarget", () => {
  const draft = homeyDraft();

  it("finds the draft row of an added or changed item by its label", () => {
    const service = draft.services[0];
    expect(changeTarget("services", { kind: "changed", label: service.name, fields: [] }, draft)).toEqual({ area: "service", id: service.id });
    const rule = draft.accessRules[0];
    expect(changeTarget("accessRules", { kind: "added", label: ruleLabel(rule), fields: [] }, draft)).toEqual({ area: "accessRule", id: rule.id });
    const vhost = draft.virtualHosts[0];
    expect(changeTarget("virtualHosts", { kind: "added", label: vhost.subdomain === "@" ? "@ (bare domain)" : vhost.subdomain, fields: [] }, draft)).toEqual({
      area: "virtualHost",
      id: vhost.id,
    });
  });

  it("points a removed item, or one the draft does not have, at its area only", () => {
    const service = draft.services[0];
    expect(changeTarget("services", { kind: "removed", label: service.name, fields: [] }, draft)).toEqual({ area: "service", id: null });
    expect(changeTarget("monitors", { kind: "added", label: "no such monitor", fields: [] }, draft)).toEqual({ area: "monitor", id: null });
  });
});

describe("isInitialImport", () => {
  it("is a first run when HEAD has no generated files or only empty ones", () => {
    expect(isInitialImport(false, null)).toBe(true);
    expect(isInitialImport(true, EMPTY_SNAPSHOT)).toBe(true);
  });

  it("is an ordinary change once HEAD has any setting", () => {
    expect(isInitialImport(true, { ...EMPTY_SNAPSHOT, backup: { extraPaths: ["/var/lib/x"], exclude: [] } })).toBe(false);
    expect(isInitialImport(true, { ...EMPTY_SNAPSHOT, services: [{ name: "grafana", enabled: true }] })).toBe(false);
  });
});

describe("initialImportTitle", () => {
  it("counts each area with its noun, singular for one", () => {
    const area = (key: AreaSummary["area"], n: number): AreaSummary => ({
      area: key,
      title: key,
      noun: key,
      changes: Array.from({ length: n }, (_, i) => ({ kind: "added" as const, label: `x${i}`, fields: [] })),
    });
    expect(initialImportTitle([area("services", 12), area("virtualHosts", 1), area("backup", 3)])).toBe("Initial import: 12 services, 1 vhost, 3 backup paths");
  });
});
