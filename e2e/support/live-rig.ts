// The deploy rig plus a real Prometheus (Debian's) scraping the rig's systemd_exporter
// stand-in, which serves systemd_unit_state for what the stand-in nixos-rebuild activated.
// The worker's app server reads live state from that Prometheus. Opt-in: only specs that
// import liveTest start it (~6 s, once per worker).
//
//   import { liveTest as test, expect } from "./support/live-rig";
//   test("…", async ({ page, rig, live }) => { await live.activate(sha); … });
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type * as PrometheusModule from "../../scripts/test-rig/prometheus";
import type * as ExporterModule from "../../scripts/test-rig/systemd-exporter";
import { startAppServer, type AppServer } from "./app-server";
import { freePort } from "../../lib/testing/ports";
import { deployTest, expect } from "./deploy-rig";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsx = require("tsx/cjs/api") as { require: (id: string, fromFile: string) => unknown };
const run = promisify(execFile);

export interface LiveRig {
  prometheusUrl: string;
  exporter: ExporterModule.SystemdExporter;
  /** Runs the stand-in's `switch` of a commit of the rig's repo, as a deploy would. */
  activate(sha: string): Promise<void>;
}

type LiveWorkerFixtures = { live: LiveRig; app: AppServer };

export const liveTest = deployTest.extend<object, LiveWorkerFixtures>({
  live: [
    async ({ rig }, use) => {
      const { startSystemdExporter } = tsx.require("../../scripts/test-rig/systemd-exporter.ts", __filename) as typeof ExporterModule;
      const { startPrometheus } = tsx.require("../../scripts/test-rig/prometheus.ts", __filename) as typeof PrometheusModule;
      const exporter = await startSystemdExporter({ stateFile: rig.env.HOMEY_STANDIN_STATE_FILE });
      const prometheus = await startPrometheus({ dir: path.join(rig.dir, "prometheus"), targets: [exporter.target], scrapeIntervalSeconds: 1 });
      try {
        await prometheus.ready();
        await use({
          prometheusUrl: prometheus.url,
          exporter,
          async activate(sha) {
            const ref = `git+file://${rig.repo.path}?rev=${sha}#${rig.env.HOMEY_DEPLOY_FLAKE_ATTR}`;
            await run(rig.env.HOMEY_DEPLOY_COMMAND, ["switch", "--flake", ref], { env: { ...process.env, ...rig.env }, maxBuffer: 64 * 1024 * 1024 });
          },
        });
      } finally {
        await prometheus.stop();
        await exporter.stop();
      }
    },
    { scope: "worker", timeout: 120_000 },
  ],
  app: [
    async ({ rig, live }, use) => {
      const server = await startAppServer(await freePort(), { ...rig.env, HOMEY_PROMETHEUS_URL: live.prometheusUrl });
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

export { expect };
