// A real Prometheus (Debian's `prometheus`) on 127.0.0.1 for tests of the live state: its own
// config, a free port, a temp TSDB, scraping the given targets every scrapeIntervalSeconds.
// Targets are discovered ~5 s after start (the discovery manager's throttle), so ready()
// waits for the first sample of every target rather than sleeping.
//
// Plain Node (no server-only imports): used by vitest, Playwright and the rig CLI.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../../lib/testing/ports";

const PROMETHEUS = "/usr/bin/prometheus";

export interface PrometheusOptions {
  /** Directory for config, TSDB and log (created). */
  dir: string;
  /** host:port targets serving /metrics. */
  targets: string[];
  scrapeIntervalSeconds?: number;
}

export interface PrometheusHandle {
  url: string;
  pid: number;
  /** Resolves when every target has been scraped once (up == 1); throws with the log otherwise. */
  ready(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusHandle> {
  if (!existsSync(PROMETHEUS)) {
    throw new Error(`${PROMETHEUS} is missing: install Debian's prometheus (bash scripts/install-system-deps.sh, or apt-get install --no-install-recommends prometheus)`);
  }
  mkdirSync(options.dir, { recursive: true });
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const configFile = path.join(options.dir, "prometheus.yml");
  writeFileSync(
    configFile,
    [
      "global:",
      `  scrape_interval: ${interval}`,
      `  evaluation_interval: ${interval}`,
      "scrape_configs:",
      "  - job_name: systemd",
      "    static_configs:",
      `      - targets: [${options.targets.map((t) => JSON.stringify(t)).join(", ")}]`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS,
    [`--config.file=${configFile}`, `--web.listen-address=127.0.0.1:${port}`, `--storage.tsdb.path=${path.join(options.dir, "tsdb")}`, "--log.level=warn"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.stderr.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const handle: PrometheusHandle = {
    url,
    pid: child.pid!,
    async ready(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      const query = `${url}/api/v1/query?query=${encodeURIComponent('count(up{job="systemd"}==1)')}`;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}):\n${log}`);
        try {
          const body = (await (await fetch(query)).json()) as { data?: { result?: { value: [number, string] }[] } };
          if (Number(body.data?.result?.[0]?.value[1] ?? 0) === options.targets.length) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`prometheus did not scrape ${options.targets.join(", ")} within ${timeoutMs} ms:\n${log}`);
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
  return handle;
}
