// Each service's live state from homey's Prometheus: its systemd unit (systemd_exporter's
// systemd_unit_state) and its Uptime Kuma monitors (monitor_status, when Kuma is scraped).
// Pages call it on every render, so answers are cached for a few seconds and a Prometheus
// that does not answer costs at most the timeout, once per cache period.
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { prometheusUrl } from "@/lib/config/env";
import { PrometheusUnavailableError, queryVector, type Sample } from "./prometheus-client";
import type { LiveState, LiveView, MonitorLiveState, ServiceLive } from "./types";
import { unitNameOf } from "./unit-name";

export const UNIT_STATE_QUERY = 'systemd_unit_state{state=~"active|failed|inactive"}==1';
export const MONITOR_STATUS_QUERY = "monitor_status";
const TIMEOUT_MS = 1500;
const CACHE_MS = 3000;

interface RawLive {
  units: Map<string, LiveState>;
  monitors: Map<string, MonitorLiveState>;
}

type CacheEntry = { at: number; result: Promise<RawLive | { error: string }> };
// On globalThis: the routes are bundled apart, the cache is per process.
const cache = ((globalThis as { homeyLiveCache?: Map<string, CacheEntry> }).homeyLiveCache ??= new Map());

const MONITOR_STATES: Record<number, MonitorLiveState> = { 0: "down", 1: "up", 2: "pending", 3: "maintenance" };

function unitStates(samples: Sample[]): Map<string, LiveState> {
  const units = new Map<string, LiveState>();
  for (const { metric } of samples) {
    const state = metric.state;
    if (!metric.name || (state !== "active" && state !== "failed" && state !== "inactive")) continue;
    // A unit reported in two states at once (a scrape mid-transition) counts as failed, then active.
    const previous = units.get(metric.name);
    if (previous === "failed" || (previous === "active" && state === "inactive")) continue;
    units.set(metric.name, state);
  }
  return units;
}

function monitorStates(samples: Sample[]): Map<string, MonitorLiveState> {
  const monitors = new Map<string, MonitorLiveState>();
  for (const { metric, value } of samples) {
    const state = MONITOR_STATES[value];
    if (metric.monitor_name && state) monitors.set(metric.monitor_name, state);
  }
  return monitors;
}

async function fetchRaw(baseUrl: string): Promise<RawLive | { error: string }> {
  try {
    const [units, monitors] = await Promise.all([
      queryVector(baseUrl, UNIT_STATE_QUERY, TIMEOUT_MS),
      // Kuma is optional: without it the units still tell what runs.
      queryVector(baseUrl, MONITOR_STATUS_QUERY, TIMEOUT_MS).catch(() => []),
    ]);
    return { units: unitStates(units), monitors: monitorStates(monitors) };
  } catch (error) {
    if (error instanceof PrometheusUnavailableError) return { error: error.message };
    throw error;
  }
}

function cachedRaw(baseUrl: string, now = Date.now()): Promise<RawLive | { error: string }> {
  const hit = cache.get(baseUrl);
  if (hit && now - hit.at < CACHE_MS) return hit.result;
  const result = fetchRaw(baseUrl);
  cache.set(baseUrl, { at: now, result });
  return result;
}

/** Forget cached answers (tests that change what the exporter says). */
export function clearLiveCache(): void {
  cache.clear();
}

/** The live state of every service in the draft, keyed by service name. */
export async function getLiveView(ctx: AdminContext, options: { baseUrl?: string } = {}): Promise<LiveView> {
  const { db } = assertAdmin(ctx);
  const baseUrl = options.baseUrl ?? prometheusUrl();
  const [services, raw] = await Promise.all([
    db.service.findMany({ select: { name: true, kind: true, unitName: true, monitors: { select: { name: true } } }, orderBy: { name: "asc" } }),
    cachedRaw(baseUrl),
  ]);
  if ("error" in raw) return { available: false, url: baseUrl, message: `Live state unavailable: ${raw.error}.` };
  const out: Record<string, ServiceLive> = {};
  for (const s of services) {
    const unit = unitNameOf(s);
    out[s.name] = {
      unit,
      state: raw.units.get(unit) ?? "unknown",
      monitors: s.monitors.flatMap((m) => {
        const state = raw.monitors.get(m.name);
        return state ? [{ name: m.name, state }] : [];
      }),
    };
  }
  return { available: true, url: baseUrl, services: out };
}
