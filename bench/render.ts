// How long rendering the draft into Nix takes for a homelab far larger than homey, and how
// long Nix's parse check of the result takes. Prints figures; asserts nothing.
// Run: npm run bench:render
import { performance } from "node:perf_hooks";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { renderGeneratedFiles } from "@/lib/nix/render";
import { loadTemplates } from "@/lib/nix/template";
import { nixAvailable, parseCheck } from "@/lib/nix/check";

function largeDraft(n: number): DraftSnapshot {
  const range = (k: number) => Array.from({ length: k }, (_, i) => i);
  return {
    services: range(n).map((i) => ({ name: `service-${i}`, enabled: i % 3 !== 0 })),
    virtualHosts: range(n).map((i) => ({ subdomain: `host-${i}`, upstreamHost: "127.0.0.1", upstreamPort: 10_000 + i, auth: i % 2 ? "authelia" : "none" })),
    accessRules: range(n * 2).map((i) => ({
      priority: i % 80,
      domains: [`host-${i % n}`],
      resources: i % 4 === 0 ? [`^/api/${i}/.*$`] : [],
      subjects: i % 2 ? [["group:admins"]] : [],
      policy: i % 2 ? "two_factor" : "bypass",
      methods: [],
      networks: [],
    })),
    monitors: range(n).map((i) => ({ name: `Monitor ${i}`, type: "http", target: `host-${i}/health`, interval: 60, keyword: "", maxretries: 2 })),
    backup: { extraPaths: range(n).map((i) => `/var/lib/service-${i}`), exclude: range(n / 10).map((i) => `/var/lib/service-${i}/cache`) },
  };
}

async function main() {
  const templates = loadTemplates();
  for (const n of [15, 200, 1000]) {
    const draft = largeDraft(n);
    const iterations = n <= 200 ? 50 : 10;
    renderGeneratedFiles(draft, templates);
    const start = performance.now();
    let files: Record<string, string> = {};
    for (let i = 0; i < iterations; i++) files = renderGeneratedFiles(draft, templates);
    const perRender = (performance.now() - start) / iterations;
    const bytes = Object.values(files).reduce((sum, f) => sum + f.length, 0);
    let parse = "skipped (no nix-instantiate)";
    if (await nixAvailable()) {
      const t = performance.now();
      const result = await parseCheck(files);
      parse = `${(performance.now() - t).toFixed(0)} ms (${result.ok ? "ok" : "errors"})`;
    }
    console.log(`render n=${n}: ${perRender.toFixed(2)} ms per render, ${(bytes / 1024).toFixed(1)} KiB of Nix; parse check ${parse}`);
  }
}

void main();
