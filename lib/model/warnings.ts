import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AreaName } from "./areas";
import { priorityRangeWarning, type AccessPolicyName } from "./schemas/access-rule";

/** Saved, but worth a second look: cross-row checks that are not errors. */
export async function warningsFor(
  tx: Prisma.TransactionClient,
  area: AreaName,
  input: Record<string, unknown>,
  id: number,
): Promise<string[]> {
  if (area === "virtualHost") {
    const sharing = await tx.virtualHost.findMany({
      where: { upstreamPort: input.upstreamPort as number, upstreamHost: input.upstreamHost as string, id: { not: id } },
      select: { subdomain: true },
    });
    if (sharing.length > 0) {
      const names = sharing.map((v) => v.subdomain).join(", ");
      return [`Port ${input.upstreamPort} is also the upstream of ${names}: both names will reach the same service.`];
    }
  }
  if (area === "accessRule") {
    const warning = priorityRangeWarning(input.priority as number, input.policy as AccessPolicyName);
    return warning ? [warning] : [];
  }
  return [];
}
