// The process-wide deploy runner and log bus. They hold live state (the running deploy,
// its subscribers), so they live on globalThis: Next's dev server re-imports modules, and
// two runners would break "one deploy at a time".
import "server-only";
import { databaseUrl } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { homeyDomain } from "@/lib/config/env";
import { repoSettingsFromEnv } from "@/lib/repo/settings";
import { loadDeployTarget } from "./config";
import { healthGateAfterSwitch } from "./health/after-switch";
import { LogBus } from "./log-bus";
import { packageChangeLines, readPackageChanges } from "./package-diff";
import { sqliteLogStore } from "./log-store";
import { DeployRunner } from "./runner";
import { selfRestartFromEnv } from "./self-restart-trigger";

const globalForDeploy = globalThis as unknown as { homeyDeployRunner?: DeployRunner };

export function deployRunner(): DeployRunner {
  globalForDeploy.homeyDeployRunner ??= new DeployRunner({
    prisma,
    bus: new LogBus(sqliteLogStore(databaseUrl())),
    loadTarget: () => loadDeployTarget(),
    healthGate: healthGateAfterSwitch({ prisma, settings: repoSettingsFromEnv, domain: homeyDomain }),
    selfRestart: selfRestartFromEnv(),
    packageChanges: async (target, outPath) => packageChangeLines(await readPackageChanges(target, outPath)),
  });
  return globalForDeploy.homeyDeployRunner;
}

/**
 * For instrumentation.ts / server start: a detached deploy the last process left running
 * is reattached (it may still run on the target, or have finished while nobody watched);
 * other deploys cut off by the last shutdown become "interrupted".
 */
export async function startDeployRunner(): Promise<number[]> {
  const { reattached, interrupted } = await deployRunner().recover();
  if (reattached.length > 0) console.warn(`homey-admin: reattached to deploy ${reattached.join(", ")} on the target`);
  if (interrupted.length > 0) {
    console.warn(`homey-admin: marked deploy(s) ${interrupted.join(", ")} as interrupted (the app restarted during them)`);
  }
  return interrupted;
}
