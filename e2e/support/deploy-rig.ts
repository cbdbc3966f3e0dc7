// The deploy test rig for Playwright: a stand-in nixos-rebuild with its own Nix store
// (scripts/test-rig), a throwaway homey repo it can build, and a homey-admin server whose
// working clone is that repo and whose deploys run the stand-in through the local
// transport (ssh is covered by the vitest integration tests against a real sshd).
//
//   import { deployTest as test, expect } from "./support/deploy-rig";
//   test("…", async ({ page, rig }) => { const sha = await rig.repo.commit(…); … rig.standin.readActivated() });
//
// Opt-in: only specs that import deployTest start a rig; the plain `test` fixtures are untouched.
import { createServer, connect, type Socket } from "node:net";
import path from "node:path";
import type * as HomeyRepoModule from "../../scripts/test-rig/homey-repo";
import type * as RigModule from "../../scripts/test-rig/rig";
import type { ActivatedState, StandinOptions } from "../../scripts/test-rig/standin";
import { startAppServer, type AppServer } from "./app-server";
import { expect, test } from "./fixtures";
import { freePort } from "../../lib/testing/ports";

// The rig's modules are ESM (they use import.meta); Playwright loads TypeScript as CommonJS.
// tsx's CommonJS loader compiles them on the fly, as `tsx scripts/test-rig/cli.ts` would.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsx = require("tsx/cjs/api") as { require: (id: string, fromFile: string) => unknown };
const rigModule = () => tsx.require("../../scripts/test-rig/rig.ts", __filename) as typeof RigModule;
const homeyRepoModule = () => tsx.require("../../scripts/test-rig/homey-repo.ts", __filename) as typeof HomeyRepoModule;

export type HomeyRepo = HomeyRepoModule.HomeyRepo;

export interface E2eDeployRig {
  dir: string;
  repo: HomeyRepo;
  /** The commit the repo starts with. */
  initialSha: string;
  /** Environment for homey-admin: its repo is `repo`, its deploys run the stand-in locally. */
  env: Record<string, string>;
  standin: {
    /** The stand-in target's state (activated.json, upstreams/ with caddy.log). */
    stateDir: string;
    /** Its state variables: what a person's terminal on the target needs to run the stand-in by hand. */
    env: Record<string, string>;
    setOptions(options: StandinOptions): void;
    readActivated(): ActivatedState | null;
  };
  generatedFiles: typeof HomeyRepoModule.generatedFiles;
  stop(): Promise<void>;
}

export async function startDeployRig(): Promise<E2eDeployRig> {
  const { startTestRig } = rigModule();
  const { createHomeyRepo, generatedFiles } = homeyRepoModule();
  const rig = await startTestRig({ sshd: false });
  try {
    const repo = await createHomeyRepo(path.join(rig.dir, "homey"));
    const initialSha = await repo.commit(generatedFiles({ services: { grafana: true } }), "homey: first generated/");
    return {
      dir: rig.dir,
      repo,
      initialSha,
      // No upstreams run behind this rig's vhosts, so the health gate (default auto: roll back)
      // would undo every deploy: off here; e2e/health-gate.spec.ts turns it on with upstreams.
      env: { ...rig.env.local, HOMEY_DEPLOY_FLAKE_REPO: repo.path, HOMEY_REPO_PATH: repo.path, HOMEY_DEPLOY_HEALTH_GATE: "off" },
      standin: rig.standin,
      generatedFiles,
      stop: () => rig.stop(),
    };
  } catch (error) {
    await rig.stop();
    throw error;
  }
}


/**
 * A TCP pass-through in front of the app whose connections the test can cut, as a flaky
 * phone network or a restarting proxy would: the browser's EventSource then has to resume.
 */
export async function startDroppableProxy(targetUrl: string): Promise<{ url: string; dropAll(): number; stop(): Promise<void> }> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    dropAll() {
      const count = sockets.size;
      for (const s of sockets) s.destroy();
      return count;
    },
    stop() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

type DeployWorkerFixtures = { rigGroup: string; rig: E2eDeployRig; app: AppServer };

/** `test` with a deploy rig per worker and the worker's app server pointed at it. */
export const deployTest = test.extend<object, DeployWorkerFixtures>({
  // Specs of one worker share one draft. A spec that replaces the draft wholesale (a rollback
  // resets it to the repo's generated/) sets its own group, so it gets its own worker and rig.
  rigGroup: ["shared", { scope: "worker", option: true }],
  rig: [
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- depending on the option is what separates the workers
    async ({ rigGroup }, use) => {
      const rig = await startDeployRig();
      await use(rig);
      await rig.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  app: [
    async ({ rig }, use) => {
      const server = await startAppServer(await freePort(), rig.env);
      await use(server);
      await server.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

export { expect };
