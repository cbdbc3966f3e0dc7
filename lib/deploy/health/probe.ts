// One monitor probed with Uptime Kuma's semantics, by homey-admin itself:
//   http:    status 2xx/3xx AND a non-empty body — Caddy answers a Host it has no site for
//            with 200 and an empty body, which is not a running service;
//   keyword: that, and the body contains the keyword (case-sensitive, as Kuma);
//   retries: up to `maxretries` more attempts, `interval` seconds apart, never past the
//            gate's deadline.
// Redirects are not followed: the loopback twin's answer is what is judged.
import http from "node:http";
import https from "node:https";
import type { MonitorSnapshot } from "@/lib/model/snapshot";
import type { ProbeRequest } from "./probe-request";

export interface Attempt {
  ok: boolean;
  /** HTTP status, or null when no answer came. */
  status: number | null;
  reason: string;
  ms: number;
}

export interface ProbeResult {
  monitor: string;
  type: MonitorSnapshot["type"];
  url: string;
  host: string;
  ok: boolean;
  /** Why it passed or, for a failed probe, its last attempt's reason. */
  reason: string;
  attempts: Attempt[];
}

/** Bodies longer than this are cut: a keyword past it is not found. */
const MAX_BODY = 1024 * 1024;

function fetchOnce(request: ProbeRequest, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, { method: "GET", headers: { Host: request.host, "User-Agent": "homey-admin health gate" }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (size < MAX_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** Judges one answer. Pure. */
export function judge(monitor: Pick<MonitorSnapshot, "type" | "keyword">, status: number, body: string): { ok: boolean; reason: string } {
  if (status < 200 || status >= 400) return { ok: false, reason: `HTTP ${status}` };
  if (body.length === 0) return { ok: false, reason: `HTTP ${status} with an empty body (Caddy has no site for this host?)` };
  if (monitor.type === "keyword" && !body.includes(monitor.keyword)) {
    return { ok: false, reason: `HTTP ${status}, but the body does not contain "${monitor.keyword}"` };
  }
  return { ok: true, reason: monitor.type === "keyword" ? `HTTP ${status}, keyword found` : `HTTP ${status}` };
}

export interface ProbeOptions {
  /** No attempt starts after this (epoch ms): the gate's window. */
  deadline: number;
  /** Per attempt; default 10 s, and never past the deadline. */
  timeoutMs?: number;
  /** Between attempts, instead of the monitor's interval (tests, the benchmark). */
  intervalMs?: number;
  now?: () => number;
}

export async function probeMonitor(monitor: MonitorSnapshot, request: ProbeRequest, options: ProbeOptions): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? monitor.interval * 1000;
  const attempts: Attempt[] = [];
  for (let i = 0; i <= monitor.maxretries; i++) {
    if (i > 0) {
      // A retry happens at its interval or not at all: one that would land past the window is not made.
      if (now() + intervalMs >= options.deadline) break;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    const started = now();
    const timeoutMs = Math.max(1, Math.min(options.timeoutMs ?? 10_000, options.deadline - started));
    let attempt: Attempt;
    try {
      const { status, body } = await fetchOnce(request, timeoutMs);
      attempt = { ...judge(monitor, status, body), status, ms: now() - started };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      attempt = { ok: false, status: null, reason: `no answer: ${code ?? (error as Error).message}`, ms: now() - started };
    }
    attempts.push(attempt);
    if (attempt.ok || now() >= options.deadline) break;
  }
  const last = attempts.at(-1)!;
  return { monitor: monitor.name, type: monitor.type, url: request.url, host: request.host, ok: last.ok, reason: last.reason, attempts };
}
