import "server-only";
import { prisma } from "@/lib/db/client";
import { startDeployRunner } from "@/lib/deploy/instance";
import { seedIfEmpty } from "@/lib/model/seed";

/** Everything the server does once at start; each step is safe to repeat. */
export async function startServer(): Promise<void> {
  if (await seedIfEmpty(prisma)) console.log("homey-admin: empty database seeded with homey's configuration");
  await startDeployRunner();
}
