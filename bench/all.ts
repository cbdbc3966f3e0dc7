// `npm run bench`: every row of issue 12's table in one run, one table at the end. Runs the
// benches one after another (each prints its own lines, shown here as they come) and
// collects the `##bench {json}` line each prints per figure (bench/report.ts): figure, the
// floor or anchor measured in the same run, the ratio, the target and ✔/✘. Asserts
// nothing; the exit code is 0 even when a target is missed (a bench that crashes is listed).
// The page, memory and browser rows drive the built server: run `npm run build` first.
//
//   npm run bench                   # ~5 min on 2 cores
//   BENCH_ONLY=apply,deploy npm run bench
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_MARK, type BenchRow } from "./report";

const ROOT = path.join(__dirname, "..");
const TSX = ["--conditions=react-server", "--import", "tsx"];

interface Bench {
  name: string;
  command: string[];
  env?: Record<string, string>;
  needsBuild?: boolean;
}

// Run counts kept small enough for a few minutes on 2 cores; each bench's own default is larger.
const BENCHES: Bench[] = [
  { name: "apply", command: ["node", ...TSX, "bench/apply.ts"], env: { BENCH_RUNS: "7" } },
  { name: "pages", command: ["bash", "bench/pages.sh"], env: { BENCH_RUNS: "10" }, needsBuild: true },
  { name: "log-view", command: ["node", ...TSX, "bench/log-view.ts"], env: { BENCH_LOG_PRISMA: "0" } },
  { name: "browser-log", command: ["node", ...TSX, "bench/browser-log.ts"], needsBuild: true },
  { name: "footprint", command: ["bash", "bench/footprint.sh", "node"], needsBuild: true },
  { name: "deploy", command: ["node", ...TSX, "bench/deploy.ts"], env: { BENCH_RUNS: "5" } },
  { name: "health-gate", command: ["node", ...TSX, "bench/health-gate.ts"] },
];

function run(bench: Bench): Promise<{ rows: BenchRow[]; code: number | null; seconds: number }> {
  return new Promise((resolve) => {
    const t = performance.now();
    const [file, ...args] = bench.command;
    const child = spawn(file, args, { cwd: ROOT, env: { ...process.env, ...bench.env }, stdio: ["ignore", "pipe", "inherit"] });
    const rows: BenchRow[] = [];
    let rest = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith(BENCH_MARK)) rows.push(JSON.parse(line.slice(BENCH_MARK.length)) as BenchRow);
        else console.log(`  │ ${line}`);
      }
    });
    child.on("close", (code) => resolve({ rows, code, seconds: (performance.now() - t) / 1000 }));
  });
}

const number = (n: number) => (Math.abs(n) >= 100 || Number.isInteger(n) ? Math.round(n).toLocaleString("en-US") : n.toFixed(1));

function table(rows: BenchRow[], missing: string[]): string {
  const lines = ["| figure | now | floor / anchor (same run) | ratio | target | |", "|---|---|---|---|---|---|"];
  for (const r of rows) {
    const now = `${number(r.value)} ${r.unit}${r.note ? ` (${r.note})` : ""}`;
    const anchor = r.anchor !== undefined && r.anchorValue !== undefined ? `${r.anchor}: ${number(r.anchorValue)}` : "—";
    const ratio = r.anchorValue ? `${(r.value / r.anchorValue).toFixed(2)}×` : "—";
    lines.push(`| ${r.figure} | ${now} | ${anchor} | ${ratio} | ${r.target} | ${r.ok ? "✔" : "✘"} |`);
  }
  for (const m of missing) lines.push(`| ${m} | not measured | | | | ✘ |`);
  return lines.join("\n");
}

async function main() {
  const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
  const built = existsSync(path.join(ROOT, "dist", "server.js"));
  const rows: BenchRow[] = [];
  const missing: string[] = [];
  const started = performance.now();
  for (const bench of BENCHES) {
    if (only && !only.includes(bench.name)) continue;
    if (bench.needsBuild && !built) {
      console.log(`── ${bench.name}: skipped, no dist/server.js (run \`npm run build\` first)`);
      missing.push(`${bench.name} (no build)`);
      continue;
    }
    console.log(`── ${bench.name}: ${bench.command.join(" ")}`);
    const result = await run(bench);
    console.log(`── ${bench.name}: ${result.seconds.toFixed(0)} s${result.code === 0 ? "" : `, exited ${result.code}`}`);
    if (result.code !== 0 || result.rows.length === 0) missing.push(`${bench.name} (exited ${result.code})`);
    rows.push(...result.rows);
  }
  const load = os.loadavg()[0].toFixed(1);
  console.log(`\nissue 12, one run: ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} cores, load average ${load}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  console.log(table(rows, missing));
}

void main();
