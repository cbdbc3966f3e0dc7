// Apply through the app beside the same work done by hand in a terminal, on real parts: a
// migrated SQLite draft, a bare git remote and the app's working clone, Debian's Nix.
// The floor per run: fetch, the same six files written, one `nix-instantiate --parse` of all
// six, `git add` + `git commit` + `git push` (one bash process, as a person would type it).
// Each app run changes one monitor first, so every run commits; p50 of N runs. Two app rows:
// "after a page view" (the Changes page was rendered at that HEAD, as before every real
// Apply) and "cold" (nothing cached for that HEAD). Prints figures; asserts nothing.
//
// Run: npm run bench:apply            (BENCH_RUNS=N, BENCH_PROFILE=1 lists every spawned process)
import { execFileSync, spawn as spawnChild } from "node:child_process";
import childProcess from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { applyDraft } from "@/lib/apply/apply-draft";
import { getPendingChanges } from "@/lib/changes/pending";
import type { PrismaClient } from "@/lib/db/client";
import { loadDraftSnapshot } from "@/lib/model/draft";
import { encodeAccessRuleLists } from "@/lib/model/json-list";
import { seedIfEmpty } from "@/lib/model/seed";
import { renderGeneratedFiles } from "@/lib/nix/render";
import { clearCommitCache } from "@/lib/repo/commit-cache";
import { createRepoRig, type RepoRig } from "@/lib/repo/test-rig";
import { adminAs } from "@/lib/testing/admin-context";
import { createTestDatabase } from "@/lib/testing/test-db";
import { benchLine } from "./report";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PROFILE = process.env.BENCH_PROFILE === "1";

// ---- spawned processes (BENCH_PROFILE=1): what Apply runs, and how long each takes
interface SpawnRecord {
  command: string;
  start: number;
  ms: number;
}
const spawned: SpawnRecord[] = [];
if (PROFILE) {
  const original = childProcess.spawn;
  const wrapped = ((...args: Parameters<typeof original>) => {
    const child = original(...args);
    const [file, argv] = args;
    // The command and its first words, without the -c identity settings.
    const words = Array.isArray(argv) ? argv.filter((a: string) => !a.startsWith("-c") && !a.includes("=")) : [];
    const record: SpawnRecord = { command: [path.basename(file), ...words].slice(0, 4).join(" "), start: performance.now(), ms: 0 };
    child.on("close", () => {
      record.ms = performance.now() - record.start;
      spawned.push(record);
    });
    return child;
  }) as typeof original;
  childProcess.spawn = wrapped;
}

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Extra draft rows: n services, each with a vhost, a monitor, a backup path and two rules. */
async function addEntities(db: PrismaClient, n: number): Promise<void> {
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  await db.service.createMany({ data: range(n).map((i) => ({ name: `service-${i}`, title: `Service ${i}`, enabled: i % 7 !== 0 })) });
  await db.virtualHost.createMany({
    data: range(n).map((i) => ({ subdomain: `host-${i}`, upstreamHost: "127.0.0.1", upstreamPort: 10_000 + i, auth: i % 3 ? "authelia" : "none" })),
  });
  await db.accessRule.createMany({
    data: range(n * 2).map((i) => ({
      priority: 20 + (i % 45),
      policy: i % 2 ? "deny" : "two_factor",
      ...encodeAccessRuleLists({ domains: [`host-${Math.floor(i / 2)}`], resources: [], subjects: i % 2 ? [] : [["group:admins"]], methods: [], networks: [] }),
    })),
  });
  await db.monitor.createMany({ data: range(n).map((i) => ({ name: `Monitor ${i}`, type: "http", target: `host-${i}/health`, interval: 60, maxretries: 1 })) });
  await db.backupPath.createMany({ data: range(n).map((i) => ({ path: `/var/lib/service-${i}`, mode: "include" })) });
}

async function entityCount(db: PrismaClient): Promise<number> {
  const counts = await Promise.all([db.service.count(), db.virtualHost.count(), db.accessRule.count(), db.monitor.count(), db.backupPath.count()]);
  return counts.reduce((a, b) => a + b, 0);
}

/** One change per run, so every Apply commits. */
async function touchDraft(db: PrismaClient, run: number): Promise<void> {
  const monitor = await db.monitor.findFirstOrThrow({ orderBy: { id: "asc" } });
  await db.monitor.update({ where: { id: monitor.id }, data: { interval: 30 + (run % 500) } });
}

/** The by-hand floor on its own rig, with the files the app renders for the same draft. */
function floorRun(rig: RepoRig, files: Record<string, string>): number {
  const dir = path.join(rig.clone, "generated");
  const t = performance.now();
  execFileSync("git", ["fetch", "--quiet", rig.remote!, "main"], { cwd: rig.clone });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  execFileSync(
    "bash",
    [
      "-c",
      'set -e; nix-instantiate --store dummy:// --parse generated/*.nix >/dev/null; git add generated; ' +
        'git -c user.name=Someone -c user.email=someone@example.org commit --quiet -m "by hand"; git push --quiet "$0" HEAD:main',
      rig.remote!,
    ],
    { cwd: rig.clone },
  );
  return performance.now() - t;
}

async function scenario(label: string, extra: number, id: string): Promise<void> {
  const { db, cleanup } = await createTestDatabase();
  const appRig = await createRepoRig({ remote: true });
  const handRig = await createRepoRig({ remote: true });
  try {
    const admin = adminAs(db, "bench", "Bench Admin");
    await seedIfEmpty(admin);
    if (extra > 0) await addEntities(db, extra);
    const entities = await entityCount(db);
    const settings = appRig.settings;
    await applyDraft({ admin, settings, demo: false }); // the first commit of generated/ (untimed)

    const floor: number[] = [];
    const warm: number[] = [];
    const cold: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      // Floor: the same files the app will render for this run's draft.
      await touchDraft(db, run * 2);
      const files = renderGeneratedFiles(await loadDraftSnapshot(admin));
      bytes = Object.values(files).reduce((n, f) => n + Buffer.byteLength(f), 0);
      floor.push(floorRun(handRig, files));

      // The app after a page view at this HEAD (what a real Apply follows).
      await getPendingChanges(admin, settings);
      spawned.length = 0;
      let t = performance.now();
      const result = await applyDraft({ admin, settings, demo: false });
      warm.push(performance.now() - t);
      if (result.status !== "committed") throw new Error(`run ${run}: expected a commit, got ${result.status}`);
      if (PROFILE && run === RUNS - 1) printSpawns("warm Apply", t);

      // The app with nothing cached (Apply warms the values of the commit it made: forgotten here).
      await touchDraft(db, run * 2 + 1);
      await new Promise((r) => setTimeout(r, 300)); // let that background evaluation finish first
      clearCommitCache();
      spawned.length = 0;
      t = performance.now();
      await applyDraft({ admin, settings, demo: false });
      cold.push(performance.now() - t);
      if (PROFILE && run === RUNS - 1) printSpawns("cold Apply", t);
    }
    const f = p50(floor);
    const row = (name: string, values: number[]) =>
      console.log(`  ${name.padEnd(28)} p50 ${p50(values).toFixed(0).padStart(5)} ms   ${(p50(values) / f).toFixed(2)}× the floor`);
    console.log(`${label}: ${entities.toLocaleString("en-US")} entities, ${(bytes / 1024).toFixed(0)} KiB in generated/, ${RUNS} runs`);
    console.log(`  ${"floor (by hand)".padEnd(28)} p50 ${f.toFixed(0).padStart(5)} ms`);
    row("app, after a page view", warm);
    row("app, cold", cold);
    // The table's row: Apply after a page view (what a real Apply follows) against the floor;
    // at 5,000 entities the target is absolute (≤ 2 s), the floor still beside it.
    const ratio = p50(warm) / f;
    benchLine({
      id,
      figure: `Apply, ${label}, p50 (cold ${p50(cold).toFixed(0)} ms)`,
      value: p50(warm),
      unit: "ms",
      anchor: "by hand: fetch, files, nix-instantiate --parse, git add/commit/push",
      anchorValue: f,
      target: extra > 0 ? "≤ 2,000 ms" : "≤ 1.5× the floor",
      ok: extra > 0 ? p50(warm) <= 2000 : ratio <= 1.5,
    });
  } finally {
    await Promise.all([cleanup(), appRig.cleanup(), handRig.cleanup()]);
  }
}

function printSpawns(label: string, t0: number): void {
  console.log(`    ${label}: ${spawned.length} processes`);
  for (const s of [...spawned].sort((a, b) => a.start - b.start)) {
    console.log(`      +${(s.start - t0).toFixed(0).padStart(4)} ms  ${s.ms.toFixed(0).padStart(4)} ms  ${s.command}`);
  }
}

async function main() {
  console.log(`Apply vs the floor (Node ${process.version}; target ≤ 1.5× the floor, ≤ 2,000 ms at 5,000 entities)`);
  // Nix and git start-up, once, so the first scenario's first run is not the cold start of the OS cache.
  await new Promise((r) => spawnChild("nix-instantiate", ["--version"]).on("close", r));
  await scenario("homey size", 0, "apply-homey");
  await scenario("5,000 entities", 800, "apply-5000");
}

void main();
