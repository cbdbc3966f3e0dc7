import { describe, expect, it } from "vitest";
import { awaitingDecision, type NewestGeneration } from "./awaiting-decision";

const unhealthy = JSON.stringify({ verdict: "unhealthy", summary: "unhealthy: Grafana (HTTP 502)", probes: [], failedUnits: [] });
const healthy = JSON.stringify({ verdict: "healthy", summary: "2 checks passed", probes: [], failedUnits: [] });
const row = (over: Partial<NewestGeneration>): NewestGeneration => ({ id: 7, action: "switch", health: unhealthy, healthDecision: "pending", ...over });

describe("awaitingDecision", () => {
  it("points at the running switch that is unhealthy and undecided", () => {
    expect(awaitingDecision(row({}))).toEqual({
      deployId: 7,
      failed: "Grafana (HTTP 502)",
      headline: "Deploy #7 is unhealthy: Grafana (HTTP 502) — roll back or keep it",
      action: { label: "Decide", href: "/deploys/7" },
    });
  });

  it("says nothing once decided, when healthy, without a gate, or when the running generation is not a switch", () => {
    for (const decision of ["kept", "rolled_back", "rollback_failed", null]) expect(awaitingDecision(row({ healthDecision: decision }))).toBeNull();
    expect(awaitingDecision(row({ health: healthy }))).toBeNull();
    expect(awaitingDecision(row({ health: null }))).toBeNull();
    expect(awaitingDecision(row({ health: "{not json" }))).toBeNull();
    // A rollback (or boot) is now the running generation: the pending switch was superseded.
    expect(awaitingDecision(row({ action: "rollback" }))).toBeNull();
    expect(awaitingDecision(null)).toBeNull();
  });
});
