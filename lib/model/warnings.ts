import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AreaData, AreaName } from "./areas";
import { priorityRangeWarning } from "./schemas/access-rule";

/** Saved, but worth a second look: cross-row checks that are not errors. */
export async function warningsFor<A extends AreaName>(tx: Prisma.TransactionClient, area: A, data: AreaData<A>, id: number): Promise<string[]> {
  if (area === "virtualHost") {
    const vhost = data as AreaData<"virtualHost">;
    const sharing = await tx.virtualHost.findMany({
      where: { upstreamPort: vhost.upstreamPort, upstreamHost: vhost.upstreamHost, id: { not: id } },
      select: { subdomain: true },
    });
    if (sharing.length > 0) {
      const names = sharing.map((v) => v.subdomain).join(", ");
      return [`Port ${vhost.upstreamPort} is also the upstream of ${names}: both names will reach the same service.`];
    }
  }
  if (area === "accessRule") {
    const rule = data as AreaData<"accessRule">;
    const warning = priorityRangeWarning(rule.priority, rule.policy as Parameters<typeof priorityRangeWarning>[1]);
    return warning ? [warning] : [];
  }
  return [];
}
