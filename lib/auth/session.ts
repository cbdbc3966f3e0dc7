// The AdminContext for server components, server actions and route handlers. proxy.ts has
// already refused every non-admin request before rendering; this is the second lock, and
// the only place a request turns into the capability that opens the data.
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { forbidden, unauthorized } from "next/navigation";
import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { issueAdminContext, type AdminContext } from "./admin-context";
import { breakGlassEnabled, breakGlassOptions } from "./break-glass";
import { decideViewer, type Viewer } from "./viewer";

export { actorName, type AdminContext } from "./admin-context";
export { DEMO_IDENTITY, type Viewer } from "./viewer";

async function breakGlassUser(): Promise<string | null> {
  if (!breakGlassEnabled()) return null;
  const session = await getServerSession(breakGlassOptions());
  return session?.user?.name ?? null;
}

/** Once per request (React cache): the layout and the page ask the same question. */
export const getViewer = cache(async (): Promise<Viewer> => decideViewer(await headers(), breakGlassUser));

const contextFor = cache(async (): Promise<AdminContext | Viewer> => {
  const viewer = await getViewer();
  return viewer.status === "admin" ? issueAdminContext(viewer.identity, prisma) : viewer;
});

/** For server actions and route handlers: every one calls this first. */
export async function requireAdmin(): Promise<AdminContext> {
  const result = await contextFor();
  if ("db" in result) return result;
  if (result.status === "forbidden") {
    throw new AppError("FORBIDDEN", `Only members of the "${result.group}" group can change homey.`);
  }
  throw new AppError("UNAUTHENTICATED", "Sign in through Authelia (admin.<your domain>) to use homey-admin.");
}

/** For pages and layouts: renders app/unauthorized.tsx (401) or app/forbidden.tsx (403) instead. */
export async function requireAdminPage(): Promise<AdminContext> {
  const result = await contextFor();
  if ("db" in result) return result;
  if (result.status === "forbidden") forbidden();
  unauthorized();
}
