// "Deploy #N is unhealthy: roll back or keep" — the pointer the overview and Quick show while
// a deploy waits for the admin's health decision (policy ask). Derived from the deploy
// history, never stored: the running generation (the newest activated switch/boot/rollback)
// is a switch whose verdict was unhealthy and whose decision is still "pending". A pending
// deploy that a later one superseded is not pointed at — Roll back works only on the running
// generation (roll-back.ts), so there is nothing left to decide there. Pure.

export interface NewestGeneration {
  id: number;
  action: string;
  /** Deploy.health (JSON HealthOutcome), null when no gate ran. */
  health: string | null;
  healthDecision: string | null;
}

export interface AwaitingDecision {
  deployId: number;
  /** What failed, as the gate summarised it ("Grafana (HTTP 502)"). */
  failed: string;
  headline: string;
  action: { label: string; href: string };
}

function unhealthySummary(health: string | null): string | null {
  if (!health) return null;
  try {
    const outcome = JSON.parse(health) as { verdict?: unknown; summary?: unknown };
    if (outcome.verdict !== "unhealthy") return null;
    // gate.ts words it "unhealthy: <what failed>".
    return typeof outcome.summary === "string" ? outcome.summary.replace(/^unhealthy:\s*/, "") : "";
  } catch {
    return null;
  }
}

export function awaitingDecision(newest: NewestGeneration | null): AwaitingDecision | null {
  if (!newest || newest.action !== "switch" || newest.healthDecision !== "pending") return null;
  const failed = unhealthySummary(newest.health);
  if (failed === null) return null;
  return {
    deployId: newest.id,
    failed,
    headline: `Deploy #${newest.id} is unhealthy${failed ? `: ${failed}` : ""} — roll back or keep it`,
    action: { label: "Decide", href: `/deploys/${newest.id}` },
  };
}
