import "server-only";
import { isDemoMode } from "@/lib/config/env";
import { loadConfig } from "@/lib/config/load";
import { prisma } from "@/lib/db/client";
import { startDeployRunner } from "@/lib/deploy/instance";
import { startHealthFollowUp } from "@/lib/rollout/instance";
import { SEED_ACTOR, seedIfEmpty } from "@/lib/model/seed";
import { systemContext } from "@/lib/auth/admin-context";
import { openRepo } from "@/lib/repo/open-repo";
import { repoSettingsFromEnv } from "@/lib/repo/settings";

/** Everything the server does once at start; each step is safe to repeat. */
export async function startServer(): Promise<void> {
  // server.ts checked the environment already; this covers `next start` and any other host.
  loadConfig();
  if (await seedIfEmpty(systemContext(prisma, SEED_ACTOR))) console.log("homey-admin: empty database seeded with homey's configuration");
  // The demo homey repo is made now rather than on the first page view; a missing
  // production repo is reported by the pages that need it, not by a crash here.
  if (isDemoMode()) await openRepo(repoSettingsFromEnv(), { demo: true });
  // Before the runner recovers: a reattached deploy's verdict is acted on too (policy auto/ask).
  startHealthFollowUp(systemContext(prisma, "homey-admin"));
  await startDeployRunner();
}
