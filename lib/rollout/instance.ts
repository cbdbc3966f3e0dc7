// The process-wide wiring of the rollout follow-up: the deploy runner's finished deploys go
// through the health policy (./health-follow-up.ts) once per process. Started from
// lib/startup.ts with the system's context; the pages' actions get the same deps here.
import "server-only";
import type { AdminContext } from "@/lib/auth/admin-context";
import { loadDeployTarget } from "@/lib/deploy/config";
import { deployRunner } from "@/lib/deploy/instance";
import { repoSettingsFromEnv } from "@/lib/repo/settings";
import { attachHealthFollowUp } from "./health-follow-up";
import type { RollbackDeps } from "./roll-back";
import { notifyWebhook } from "@/lib/notify/webhook";

const globalForRollout = globalThis as unknown as { homeyRolloutAttached?: boolean };

/** Subscribes the health follow-up to the deploy runner (once per process). */
export function startHealthFollowUp(system: AdminContext): void {
  if (globalForRollout.homeyRolloutAttached) return;
  globalForRollout.homeyRolloutAttached = true;
  attachHealthFollowUp({ runner: deployRunner(), system, settings: repoSettingsFromEnv, loadTarget: () => loadDeployTarget(), notify: notifyWebhook });
}

/** What a page's Roll back needs: the process's runner, the repo settings, the webhook. */
export function rollbackDeps(): RollbackDeps {
  return { runner: deployRunner(), settings: repoSettingsFromEnv(), notify: notifyWebhook };
}
