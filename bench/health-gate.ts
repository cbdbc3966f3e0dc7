// Issue 11's benchmark: from the end of a switch to the health gate's verdict, for 10 touched
// monitors, each probed the way the gate probes in production (Uptime Kuma's semantics, one
// base URL, the monitor's Host header). The sites answer from one HTTP server on 127.0.0.1
// standing where homey's loopback Caddy twins would. Asserts nothing; prints the p50.
//
//   npm run bench:health-gate        (BENCH_RUNS, default 20)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { runHealthGate } from "@/lib/deploy/health/gate";
import type { MonitorSnapshot } from "@/lib/model/snapshot";
import { benchLine } from "./report";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_MS = 1_000;

const monitor = (i: number): MonitorSnapshot => ({
  name: `Service ${i}`,
  type: i % 2 === 0 ? "http" : "keyword",
  target: `svc${i}/health?n=${i}`,
  interval: 60,
  keyword: i % 2 === 0 ? "" : "ok",
  maxretries: 2,
});

async function main(): Promise<void> {
  const server = http.createServer((req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(`ok from ${req.headers.host}`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const monitors = Array.from({ length: 10 }, (_, i) => ({ monitor: monitor(i), why: "service switched" }));
  const times: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const started = performance.now();
    const outcome = await runHealthGate({ monitors, failedUnits: [], domain: "example.test", baseUrl, windowMs: 30_000 });
    const ms = performance.now() - started;
    if (outcome.verdict !== "healthy") throw new Error(`expected a healthy verdict, got: ${outcome.summary}`);
    if (run > 0) times.push(ms); // the first run warms the HTTP agent
  }
  server.close();
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)];
  console.log(`health gate, 10 monitors, switch end → verdict: p50 ${p50.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms over ${RUNS} runs (target ≤ ${TARGET_MS} ms)`);
  benchLine({
    id: "health-gate-10",
    figure: "health gate, 10 monitors: switch end → verdict",
    value: Math.round(p50 * 10) / 10,
    unit: "ms",
    note: `max ${times[times.length - 1].toFixed(1)} ms`,
    target: `≤ ${TARGET_MS} ms`,
    ok: p50 <= TARGET_MS,
  });
}

void main();
