// The health gate as the runner calls it after a switch/test that activated: the touched
// monitors come from generated/ at the previously activated commit and at this one (read
// back with Nix, lib/changes/repo-values.ts), probed through the configured base URL.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readRepoValues } from "@/lib/changes/repo-values";
import { openRepo } from "@/lib/repo/open-repo";
import { readFilesAtRev } from "@/lib/repo/read-files";
import type { RepoSettings } from "@/lib/repo/settings";
import type { DeployTarget } from "../config";
import { runHealthGate, type HealthOutcome } from "./gate";
import { touchedMonitors } from "./touched";

export interface AfterSwitchRun {
  deployId: number;
  commitSha: string;
  failedUnits: string[];
  target: DeployTarget;
}

export type HealthGateHook = (run: AfterSwitchRun) => Promise<HealthOutcome>;

export function healthGateAfterSwitch(deps: { prisma: PrismaClient; settings: () => RepoSettings; domain: () => string }): HealthGateHook {
  return async (run) => {
    const settings = deps.settings();
    const git = await openRepo(settings);
    const previous = await deps.prisma.deploy.findFirst({
      where: { id: { lt: run.deployId }, status: { in: ["succeeded", "units_failed"] }, action: { in: ["switch", "test", "rollback"] }, commitSha: { not: "" } },
      orderBy: { id: "desc" },
      select: { commitSha: true },
    });
    const read = async (sha: string) => {
      const values = await readRepoValues(await readFilesAtRev(git, sha, settings.generatedDir));
      if (values.status === "unavailable") throw new Error(`the health gate cannot read generated/ at ${sha.slice(0, 7)}: ${values.reason}`);
      return values.snapshot;
    };
    const after = await read(run.commitSha);
    const before = previous ? await read(previous.commitSha).catch(() => null) : null;
    return runHealthGate({
      monitors: touchedMonitors(before, after, deps.domain()),
      failedUnits: run.failedUnits,
      domain: deps.domain(),
      baseUrl: run.target.health.baseUrl,
      windowMs: run.target.health.windowMs,
    });
  };
}
