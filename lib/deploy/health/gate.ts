// The health gate's verdict after a switch: every touched monitor probed at once (each with
// its own retries, all within one window), plus the units the switch reported failed
// (switch-to-configuration's exit 4). Any failed probe or unit → unhealthy. The outcome is
// stored on the deploy as JSON (Deploy.health).
import type { MonitorSnapshot } from "@/lib/model/snapshot";
import { probeMonitor, type ProbeResult } from "./probe";
import { DEFAULT_HEALTH_BASE_URL, probeRequest } from "./probe-request";

export const HEALTH_GATE_MODES = ["auto", "ask", "off"] as const;
export type HealthGateMode = (typeof HEALTH_GATE_MODES)[number];

export interface HealthOutcome {
  verdict: "healthy" | "unhealthy";
  /** One line for people: what failed, or how many checks passed. */
  summary: string;
  probes: (ProbeResult & { why: string })[];
  failedUnits: string[];
  baseUrl: string;
  startedAt: string;
  finishedAt: string;
}

export interface GateInput {
  monitors: { monitor: MonitorSnapshot; why: string }[];
  failedUnits: string[];
  domain: string;
  baseUrl?: string;
  /** The whole gate ends within this (retries are cut at it). */
  windowMs: number;
  /** Instead of each monitor's interval between retries (tests, the benchmark). */
  intervalMs?: number;
  now?: () => number;
}

export async function runHealthGate(input: GateInput): Promise<HealthOutcome> {
  const now = input.now ?? Date.now;
  const baseUrl = input.baseUrl ?? DEFAULT_HEALTH_BASE_URL;
  const started = now();
  const deadline = started + input.windowMs;
  const probes = await Promise.all(
    input.monitors.map(async ({ monitor, why }) => ({
      ...(await probeMonitor(monitor, probeRequest(monitor, input.domain, baseUrl), { deadline, intervalMs: input.intervalMs, now })),
      why,
    })),
  );
  const failedProbes = probes.filter((p) => !p.ok);
  const failedUnits = [...new Set(input.failedUnits)];
  const unhealthy = failedProbes.length > 0 || failedUnits.length > 0;
  const problems = [
    ...failedProbes.map((p) => `${p.monitor} (${p.reason})`),
    ...(failedUnits.length > 0 ? [`failed units: ${failedUnits.join(", ")}`] : []),
  ];
  return {
    verdict: unhealthy ? "unhealthy" : "healthy",
    summary: unhealthy
      ? `unhealthy: ${problems.join("; ")}`
      : probes.length === 0
        ? "healthy: no monitor of a touched service to probe, no failed units"
        : `healthy: ${probes.length} ${probes.length === 1 ? "check" : "checks"} passed`,
    probes,
    failedUnits,
    baseUrl,
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(now()).toISOString(),
  };
}
