// What the quick-toggle page shows, as JSON: its script reads it again after each change and
// renders the same components the server rendered (app/quick/route.ts).
import { requireAdmin } from "@/lib/auth/session";
import { toActionResult } from "@/lib/errors/action-result";
import { isAppError } from "@/lib/errors/app-error";
import { loadQuickScreen } from "@/lib/quick/screen";

export async function GET() {
  try {
    return Response.json(await loadQuickScreen(await requireAdmin()), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json(toActionResult(error), { status: isAppError(error) ? error.httpStatus : 500 });
  }
}
