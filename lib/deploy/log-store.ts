// DeployLogLine / Deploy as the log bus's permanent store.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { EndInfo, LogLine, LogLineStore } from "./log-bus";
import { isDeployStatus } from "./status";

export function prismaLogStore(prisma: PrismaClient): LogLineStore {
  return {
    async readLines(deployId, fromSeq, beforeSeq, limit) {
      return prisma.deployLogLine.findMany({
        where: { deployId, seq: beforeSeq === undefined ? { gte: fromSeq } : { gte: fromSeq, lt: beforeSeq } },
        orderBy: { seq: "asc" },
        take: limit,
        select: { seq: true, text: true },
      });
    },
    async appendLines(deployId, lines: LogLine[]) {
      await prisma.deployLogLine.createMany({
        data: lines.map((line) => ({ deployId, seq: line.seq, text: line.text })),
      });
    },
    async readEnd(deployId): Promise<EndInfo | null> {
      const row = await prisma.deploy.findUnique({
        where: { id: deployId },
        select: { status: true, exitCode: true, error: true },
      });
      if (!row) return null;
      return { status: isDeployStatus(row.status) ? row.status : "failed", exitCode: row.exitCode, error: row.error };
    },
  };
}
