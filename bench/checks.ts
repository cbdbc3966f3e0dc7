// How long the checker takes over the whole draft: at homey's size (it runs in the browser on
// every keystroke) and on a 5,000-entity draft. Prints median figures beside their targets;
// asserts nothing. Run: npm run bench:checks
import { performance } from "node:perf_hooks";
import { checkDraft } from "@/lib/checks/findings";
import { matrix } from "@/lib/checks/simulator";
import { homeyDraft, HOMEY_VIEWER } from "@/lib/checks/homey-fixture";
import type { CheckDraft } from "@/lib/checks/input";

/** n services, each with a vhost, a monitor, a backup path and two rules (+ a few wildcards). */
function largeDraft(n: number): CheckDraft {
  const base = homeyDraft();
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  const offset = 1000;
  return {
    ...base,
    services: [...base.services, ...range(n).map((i) => ({ id: offset + i, name: `service-${i}`, enabled: i % 7 !== 0, protected: false, stateDir: `/var/lib/service-${i}` }))],
    virtualHosts: [
      ...base.virtualHosts,
      ...range(n).map((i) => ({ id: offset + i, subdomain: `host-${i}`, upstreamHost: "127.0.0.1", upstreamPort: 10_000 + (i % 4000), auth: i % 3 ? ("authelia" as const) : ("none" as const), enabled: i % 11 !== 0, serviceId: offset + i })),
    ],
    accessRules: [
      ...base.accessRules,
      ...range(n * 2).map((i) => ({
        id: offset + i,
        priority: 20 + (i % 60),
        domains: [`host-${Math.floor(i / 2)}`],
        resources: i % 4 === 0 ? [`^/api/${i}/.*$`] : [],
        subjects: i % 2 ? [] : [["group:admins"]],
        policy: i % 2 ? ("deny" as const) : ("two_factor" as const),
        methods: i % 10 === 0 ? ["PROPFIND"] : [],
        networks: i % 13 === 0 ? ["10.0.0.0/8"] : [],
        note: "",
      })),
      ...range(5).map((i) => ({ id: offset * 10 + i, priority: 79, domains: ["*"], resources: [`^/wild/${i}`], subjects: [], policy: "bypass" as const, methods: [], networks: [], note: "" })),
    ],
    monitors: [...base.monitors, ...range(n).map((i) => ({ id: offset + i, name: `Monitor ${i}`, type: "http" as const, target: `host-${i}/health`, interval: 60, keyword: "", maxretries: 1, enabled: true, serviceId: offset + i }))],
    backupPaths: [
      ...base.backupPaths,
      ...range(n).map((i) => ({ id: offset + i, path: `/var/lib/service-${i}`, mode: "include" as const, serviceId: offset + i })),
      ...range(n / 10).map((i) => ({ id: offset * 5 + i, path: `/var/lib/service-${i}`, mode: "exclude" as const, serviceId: null })),
    ],
  };
}

function entities(d: CheckDraft): number {
  return d.services.length + d.virtualHosts.length + d.accessRules.length + d.monitors.length + d.backupPaths.length;
}

function median(run: () => unknown, iterations: number): number {
  run(); // warm caches (compiled patterns) and the JIT, as a typing session would
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function line(label: string, ms: number, targetMs: number) {
  const verdict = ms < targetMs ? "ok" : "OVER TARGET";
  console.log(`${label.padEnd(44)} median ${ms.toFixed(2).padStart(8)} ms   target < ${targetMs} ms   ${verdict}`);
}

function main() {
  const homey = homeyDraft();
  line(`checkDraft, homey (${entities(homey)} entities)`, median(() => checkDraft(homey, HOMEY_VIEWER), 200), 5);
  line(`matrix, homey (${homey.virtualHosts.length} vhosts)`, median(() => matrix(homey), 200), 5);
  const n = 1000; // 1,000 services + 1,000 vhosts + ~2,000 rules + 1,000 monitors + 1,100 paths
  const large = largeDraft(n);
  const findings = checkDraft(large, HOMEY_VIEWER).length;
  line(`checkDraft, ${entities(large)} entities (${findings} findings)`, median(() => checkDraft(large, HOMEY_VIEWER), 7), 1000);
  line(`matrix, ${large.virtualHosts.length} vhosts`, median(() => matrix(large), 7), 1000);
}

main();
