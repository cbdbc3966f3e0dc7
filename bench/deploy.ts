// A deploy through the app beside the same rebuild typed in a terminal, on the same stand-in
// target: a real OpenSSH sshd on 127.0.0.1 whose sessions run the stand-in nixos-rebuild
// (a real `nix build` of the fixture flake in a private store, then its "activation").
//   app:      DeployRunner over ssh2, wired as lib/deploy/instance.ts wires it (log bus into
//             SQLite, progress, package changes read from the target; no monitors to gate on)
//   terminal: `ssh -i KEY -p PORT user@127.0.0.1 '<the same remote command line>'`
// Both run the same commit with the same arguments (lib/deploy/command.ts builds them for
// both), alternating, p50 of BENCH_RUNS (5). The first-line latency: the target prints
// marker lines carrying the time they were printed (a wrapper in front of the stand-in, used
// by both sides), and the deploy's SSE stream (lib/deploy/sse-stream.ts, what the route
// serves) is read in this process; latency = arrival on the stream − printed. Same machine,
// same clock. Prints figures; asserts nothing.
//
// Run: npm run bench:deploy   (BENCH_RUNS=N; BENCH_NO_PACKAGE_CHANGES=1 leaves out reading the
// package changes from the target after the build, to see what that step costs)
import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildRebuildCommand, remoteCommandLine } from "@/lib/deploy/command";
import { loadDeployTarget } from "@/lib/deploy/config";
import { LogBus } from "@/lib/deploy/log-bus";
import { sqliteLogStore } from "@/lib/deploy/log-store";
import { packageChangeLines, readPackageChanges } from "@/lib/deploy/package-diff";
import { DeployRunner } from "@/lib/deploy/runner";
import { deployEventStream } from "@/lib/deploy/sse-stream";
import { createTestDatabase } from "@/lib/testing/test-db";
import { createHomeyRepo, generatedFiles } from "@/scripts/test-rig/homey-repo";
import { startTestRig } from "@/scripts/test-rig/rig";
import { benchLine } from "./report";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MARKS = 5;
const MARK = "homey-bench printed-at-ms";

function p50(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The stand-in behind a wrapper that first prints MARKS lines, each with the wall-clock ms it was printed at. */
function markedCommand(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "nixos-rebuild-marked");
  writeFileSync(
    file,
    `#!/bin/sh\nfor i in $(seq ${MARKS}); do printf '${MARK} %s\\n' "$(date +%s%3N)"; sleep 0.1; done\nexec nixos-rebuild "$@"\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

function terminalRun(args: { key: string; port: number; user: string; knownHosts: string; remote: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(
      "ssh",
      ["-i", args.key, "-p", String(args.port), "-o", `UserKnownHostsFile=${args.knownHosts}`, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", `${args.user}@127.0.0.1`, args.remote],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.resume();
    child.stderr.resume();
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`terminal rebuild exited ${code}`))));
  });
}

/** Reads the deploy's SSE stream; resolves with the latency of each marker line. */
async function markLatencies(stream: ReadableStream<Uint8Array>): Promise<number[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const latencies: number[] = [];
  let text = "";
  while (latencies.length < MARKS) {
    const { value, done } = await reader.read();
    if (done) break;
    const arrived = Date.now();
    text += decoder.decode(value, { stream: true });
    for (const match of text.matchAll(new RegExp(`${MARK} (\\d+)`, "g"))) latencies.push(arrived - Number(match[1]));
    text = text.slice(text.lastIndexOf("\n") + 1);
  }
  await reader.cancel();
  return latencies;
}

async function main() {
  console.log(`deploy through the app vs the same rebuild in a terminal (stand-in target over a real sshd, ${RUNS} runs each)`);
  // Not lib/deploy/testing/deploy-harness.ts: it imports vitest, which refuses to load outside a test run.
  const [{ db, url, cleanup }, rig] = await Promise.all([createTestDatabase(), startTestRig({ sshd: true })]);
  const store = sqliteLogStore(url);
  try {
    const repo = await createHomeyRepo(`${rig.dir}/homey`);
    rig.standin.setOptions({ stepDelaySeconds: 0.05 });
    const sshd = rig.sshd!;
    const command = markedCommand(path.join(rig.dir, "bench-bin"));
    const env = { ...rig.env.ssh, HOMEY_DEPLOY_FLAKE_REPO: repo.path, HOMEY_DEPLOY_COMMAND: command };
    const runner = new DeployRunner({
      prisma: db,
      bus: new LogBus(store),
      loadTarget: () => loadDeployTarget(env),
      ...(process.env.BENCH_NO_PACKAGE_CHANGES ? {} : { packageChanges: async (target: Parameters<typeof readPackageChanges>[0], outPath: string) => packageChangeLines(await readPackageChanges(target, outPath)) }),
    });
    const sha = await repo.commit(generatedFiles({ services: { grafana: true } }));
    const remote = remoteCommandLine(buildRebuildCommand({ action: "switch", commitSha: sha }, loadDeployTarget(env)));
    const terminal = { key: sshd.clientKeyPath, port: sshd.port, user: sshd.user, knownHosts: sshd.knownHostsPath, remote };

    await terminalRun(terminal); // warm: the build's inputs in the stand-in store, sshd's first login
    const app: number[] = [];
    const hand: number[] = [];
    const first: number[] = [];
    const all: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      hand.push(await terminalRun(terminal));
      const t = performance.now();
      const { deployId } = await runner.start({ action: "switch", commitSha: sha, actor: "bench" });
      const controller = new AbortController();
      const marks = markLatencies(
        deployEventStream({
          deployId,
          from: 1,
          bus: runner.bus,
          loadOutcome: async () => ({ status: null, exitCode: null, error: null, finishedAt: null, progress: null }),
          signal: controller.signal,
        }),
      );
      const end = await runner.waitFor(deployId);
      app.push(performance.now() - t);
      if (end?.status !== "succeeded") throw new Error(`run ${run}: the app's deploy ended ${end?.status}: ${end?.error}`);
      const latencies = await marks;
      controller.abort();
      first.push(latencies[0]);
      all.push(...latencies);
    }
    const ratio = p50(app) / p50(hand);
    console.log(`  terminal (ssh … nixos-rebuild switch --flake …)   p50 ${p50(hand).toFixed(0).padStart(5)} ms`);
    console.log(`  through the app (runner, ssh2, log bus, SQLite)  p50 ${p50(app).toFixed(0).padStart(5)} ms   ${ratio.toFixed(2)}× the terminal (target ≤ 1.05×)`);
    console.log(`  first remote line on the SSE stream after the target printed it: p50 ${p50(first)} ms, max ${Math.max(...first)} ms; every marker line p50 ${p50(all)} ms, max ${Math.max(...all)} ms (target ≤ 100 ms)`);
    benchLine({ id: "deploy", figure: "deploy through the app (switch)", value: Math.round(p50(app)), unit: "ms", anchor: "terminal `ssh … nixos-rebuild`", anchorValue: Math.round(p50(hand)), target: "≤ 1.05×", ok: ratio <= 1.05 });
    benchLine({ id: "deploy-first-line", figure: "first remote line on the SSE stream", value: p50(first), unit: "ms after printed", note: `max ${Math.max(...first)} ms`, target: "≤ 100 ms", ok: p50(first) <= 100 });
  } finally {
    store.close();
    await rig.stop();
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
