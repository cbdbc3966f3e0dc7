// A deploy's health verdict and what was done about it, as the deploy page shows it: plain,
// serialisable values (no raw row), plus whether the admin is asked to decide (policy ask).
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import type { HealthOutcome } from "@/lib/deploy/health/gate";

export const HEALTH_DECISIONS = ["pending", "rolled_back", "kept", "rollback_failed"] as const;
export type HealthDecision = (typeof HEALTH_DECISIONS)[number];

export interface DeployHealthView {
  verdict: "healthy" | "unhealthy";
  summary: string;
  probes: { monitor: string; ok: boolean; reason: string; why: string; url: string; attempts: number }[];
  failedUnits: string[];
  decision: HealthDecision | null;
  /** The decision in words (who, why, the rollback deploy and revert commit). */
  note: string | null;
  rolledBackBy: number | null;
  revertShortSha: string | null;
  /** "Roll back" and "Keep" are offered. */
  awaitingDecision: boolean;
}

const isDecision = (v: string | null): v is HealthDecision => v !== null && (HEALTH_DECISIONS as readonly string[]).includes(v);

export async function loadDeployHealth(admin: AdminContext, deployId: number): Promise<DeployHealthView | null> {
  const { db } = assertAdmin(admin);
  const row = await db.deploy.findUnique({
    where: { id: deployId },
    select: { health: true, healthDecision: true, healthDecisionNote: true, rolledBackBy: true, revertSha: true, action: true },
  });
  if (!row?.health) return null;
  let outcome: HealthOutcome;
  try {
    outcome = JSON.parse(row.health) as HealthOutcome;
  } catch {
    return null;
  }
  const decision = isDecision(row.healthDecision) ? row.healthDecision : null;
  return {
    verdict: outcome.verdict,
    summary: outcome.summary,
    probes: outcome.probes.map((p) => ({ monitor: p.monitor, ok: p.ok, reason: p.reason, why: p.why, url: p.url, attempts: p.attempts.length })),
    failedUnits: outcome.failedUnits,
    decision,
    note: row.healthDecisionNote,
    rolledBackBy: row.rolledBackBy,
    revertShortSha: row.revertSha?.slice(0, 7) ?? null,
    awaitingDecision: decision === "pending" && row.action === "switch",
  };
}
