// Every request is decided here, before any layout or page renders: Next renders a layout
// and its page in parallel, so a check inside them cannot keep the page's data out of a
// 401/403 body. Public routes are listed in lib/auth/request-gate.ts; everything else needs
// an admin (trusted proxy + secret + admin group, or a break-glass session, or demo mode).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { breakGlassEnabled } from "@/lib/auth/break-glass-enabled";
import { deniedResponse, isPublicPath, requestKind } from "@/lib/auth/request-gate";
import { decideViewer } from "@/lib/auth/viewer";
import { secretValue } from "@/lib/config/env";

async function breakGlassUser(request: NextRequest): Promise<string | null> {
  if (!breakGlassEnabled()) return null;
  const token = await getToken({ req: request, secret: secretValue("NEXTAUTH_SECRET") });
  return typeof token?.name === "string" && token.name ? token.name : null;
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isPublicPath(pathname)) return NextResponse.next();
  const viewer = await decideViewer(request.headers, () => breakGlassUser(request));
  if (viewer.status === "admin") return NextResponse.next();
  return deniedResponse(viewer, requestKind(request.method, pathname, request.headers));
}

export const config = {
  // Static chunks carry code only; every other path, API and server actions included, is decided above.
  matcher: ["/((?!_next/static/).*)"],
};
