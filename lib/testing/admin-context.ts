// Tests act as an admin the way a request would after the trust decision: through the auth
// layer's own issuer, never by building a context object by hand.
import { issueAdminContext, type AdminContext } from "@/lib/auth/admin-context";
import type { PrismaClient } from "@/lib/db/client";

export function adminAs(db: PrismaClient, user = "alice", name = user): AdminContext {
  return issueAdminContext({ user, groups: ["admins"], name, email: `${user}@homey.invalid`, source: "proxy" }, db);
}
