// The process-wide deploy runner and log bus. They hold live state (the running deploy,
// its subscribers), so they live on globalThis: Next's dev server re-imports modules, and
// two runners would break "one deploy at a time".
import "server-only";
import { databaseUrl } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { loadDeployTarget } from "./config";
import { LogBus } from "./log-bus";
import { sqliteLogStore } from "./log-store";
import { DeployRunner } from "./runner";

const globalForDeploy = globalThis as unknown as { homeyDeployRunner?: DeployRunner };

export function deployRunner(): DeployRunner {
  globalForDeploy.homeyDeployRunner ??= new DeployRunner({
    prisma,
    bus: new LogBus(sqliteLogStore(databaseUrl())),
    loadTarget: () => loadDeployTarget(),
  });
  return globalForDeploy.homeyDeployRunner;
}

/** For instrumentation.ts / server start: deploys cut off by the last shutdown become "interrupted". */
export async function startDeployRunner(): Promise<number[]> {
  const interrupted = await deployRunner().recoverInterrupted();
  if (interrupted.length > 0) {
    console.warn(`homey-admin: marked deploy(s) ${interrupted.join(", ")} as interrupted (the app restarted during them)`);
  }
  return interrupted;
}
