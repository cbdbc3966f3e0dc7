// Quick toggle, the page an admin opens on a phone, often on mobile data: a route that
// answers the whole HTML document, rendered with Preact (components/quick/server-entry.tsx),
// so the page loads ~18 kB of script (public/quick.js) instead of the App Router's 135 kB
// floor (README, "Performance"). Same auth as every page: proxy.ts decides before this runs;
// the check here is the second lock and answers what the proxy would.
import { deniedResponse, plainNoticePage } from "@/lib/auth/request-gate";
import { getViewer, requireAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { loadQuickScreen, type QuickScreen } from "@/lib/quick/screen";
import { renderQuickDocument } from "@/components/quick/generated/render.mjs";

const html = (body: string, status = 200) =>
  new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });

export async function GET() {
  const viewer = await getViewer();
  if (viewer.status !== "admin") return deniedResponse(viewer, "page");
  let screen: QuickScreen;
  try {
    screen = await loadQuickScreen(await requireAdmin());
  } catch (error) {
    // What app/(dashboard)/error.tsx says for the App Router pages.
    console.error("homey-admin: the quick page could not be read", error);
    return html(
      plainNoticePage({
        status: 500,
        title: "This page could not be loaded",
        message: `Nothing was changed. ${isAppError(error) ? error.message : "The server log has the details."}`,
        hint: "Reload to try again; Services and Changes show the draft too.",
      }),
      500,
    );
  }
  return html(renderQuickDocument(screen));
}
