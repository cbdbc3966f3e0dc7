// The health-gate rig for e2e: the stand-in's activation runs an HTTP server per vhost
// (lib/demo/standin/upstreams.mjs) behind Debian's real caddy (lib/demo/standin/caddy.mjs), and
// the app (policy from the worker option `gate`) probes through it. grafana's vhost and monitor
// stay when the service is switched off, so such a deploy really fails the probe.
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";
import { freePort } from "../../lib/testing/ports";
import { gateStatusesInCaddyLog } from "../../scripts/test-rig/caddy-access-log";
import { startAppServer, type AppServer } from "./app-server";
import { startDeployRig, type E2eDeployRig } from "./deploy-rig";
import { switchToHead } from "./deploy-page";
import { expect, test as base } from "./fixtures";

export { expect };

export type HealthRig = E2eDeployRig & { proxyPort: number; grafanaPort: number };

// Own worker fixtures (not deployTest's): this app runs with the gate on `gate` and upstreams on.
export const test = base.extend<object, { gate: "ask" | "auto"; rig: HealthRig; app: AppServer }>({
  // The policy this worker's app runs with (a describe block with another value gets its own worker).
  gate: ["ask", { scope: "worker", option: true }],
  rig: [
    async ({}, use) => {
      const rig = await startDeployRig();
      const [proxyPort, grafanaPort] = [await freePort(), await freePort()];
      rig.standin.setOptions({ domain: "example.test", upstreams: { proxyPort } });
      await use({ ...rig, proxyPort, grafanaPort });
      await rig.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  app: [
    async ({ rig, gate }, use) => {
      const server = await startAppServer(await freePort(), {
        ...rig.env,
        HOMEY_DOMAIN: "example.test",
        HOMEY_DEPLOY_HEALTH_GATE: gate,
        HOMEY_DEPLOY_HEALTH_BASE_URL: `http://127.0.0.1:${rig.proxyPort}`,
        HOMEY_DEPLOY_HEALTH_WINDOW_S: "3",
      });
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

export const DONE = 60_000;

/** generated/ with grafana on or off; its vhost (upstream on 127.0.0.1) and monitor stay either way. */
export function files(grafanaOn: boolean, port: number): Record<string, string> {
  return {
    "generated/default.nix": "{ ... }:\n{\n  imports = [ ./services.nix ./vhosts.nix ./monitors.nix ];\n}\n",
    "generated/services.nix": `{ domain, ... }:\n{\n  homey.services = {\n    "grafana".enable = ${grafanaOn};\n  };\n}\n`,
    "generated/vhosts.nix": `{ domain, ... }:\n{\n  homey.caddy.virtualHosts = {\n    "grafana" = { host = "127.0.0.1"; port = ${port}; auth = true; };\n  };\n}\n`,
    "generated/monitors.nix":
      '{ domain, ... }:\n{\n  homey.monitoring.monitors = [ { name = "Grafana"; url = "https://grafana.${domain}/api/health"; interval = 60; type = "http"; maxretries = 0; } ];\n}\n',
  };
}

/** A plain switch to HEAD from the Deploys page (the gate follows a switch). */
export const deployHead = (page: Page, sha: string): Promise<number> => switchToHead(page, sha, DONE);

/** The page fetches the verdict (and then the decision) again when the deploy it watches ends. */
export async function healthPanel(page: Page, verdict: "healthy" | "unhealthy", decision?: RegExp) {
  const panel = page.getByTestId("health-panel");
  await expect(panel).toHaveAttribute("data-verdict", verdict);
  if (decision) await expect(page.getByTestId("health-decision")).toHaveText(decision);
  return panel;
}

export const gitIn = (repo: string, ...args: string[]) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8" });

/** A healthy starting point whatever an earlier test left: grafana on, deployed, verdict healthy. */
export async function startHealthy(page: Page, rig: HealthRig): Promise<string> {
  const good = await rig.repo.commit(files(true, rig.grafanaPort), "homey: grafana on");
  await deployHead(page, good);
  await healthPanel(page, "healthy");
  return good;
}

/** Statuses Caddy's access log recorded for the health gate's requests to this Host. */
export const caddyProbes = (rig: HealthRig, host: string): number[] => gateStatusesInCaddyLog(rig.standin.stateDir, host);
