// Quick toggle, the page an admin opens on a phone, often on mobile data: a route that
// answers the whole HTML document, rendered with Preact (components/quick/server-entry.tsx),
// so the page loads ~19 kB of script (public/quick.js) instead of the App Router's 135 kB
// floor (README, "Performance"). Same auth as every page: proxy.ts before, requireAdmin here.
import { requireAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { loadQuickScreen } from "@/lib/quick/screen";
import { renderQuickDocument } from "@/components/quick/generated/render.mjs";

export async function GET() {
  try {
    const screen = await loadQuickScreen(await requireAdmin());
    return new Response(renderQuickDocument(screen), { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
  } catch (error) {
    // proxy.ts answers a non-admin before this runs; this is the second lock.
    if (isAppError(error) && (error.code === "UNAUTHENTICATED" || error.code === "FORBIDDEN")) {
      return new Response(`${error.message}\n`, { status: error.httpStatus, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
