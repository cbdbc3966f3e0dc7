// A POST route that does what a server action does (the quick page's toggle and Apply, which
// run without Next's client runtime): same-origin JSON in, one ActionResult out, with the
// AppError's HTTP status. Next checks a server action's Origin itself; here we do, so a
// cross-site page cannot make an admin's browser toggle a service.
import { z } from "zod";
import { requireAdmin, type AdminContext } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { toActionResult, validationError, type ActionResult } from "@/lib/errors/action-result";

/** null when the request comes from a page of this host; otherwise why not. */
export function crossSiteReason(request: Request): string | null {
  const origin = request.headers.get("origin");
  if (!origin) return "The request has no Origin header; send it from the homey-admin page.";
  const host = request.headers.get("x-forwarded-host")?.split(",")[0].trim() || request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `The Origin header "${origin}" is not a URL.`;
  }
  return originHost === host ? null : `The request comes from ${originHost}, not from this dashboard (${host ?? "unknown host"}); nothing was changed.`;
}

const answer = (result: ActionResult, status: number) => Response.json(result, { status, headers: { "Cache-Control": "no-store" } });

export async function jsonAction<S extends z.ZodType>(request: Request, schema: S, run: (admin: AdminContext, input: z.infer<S>) => Promise<ActionResult>): Promise<Response> {
  try {
    const admin = await requireAdmin();
    const crossSite = crossSiteReason(request);
    if (crossSite) return answer({ ok: false, message: crossSite }, 403);
    if (!request.headers.get("content-type")?.startsWith("application/json")) {
      return answer({ ok: false, message: "Send the request as JSON (Content-Type: application/json)." }, 415);
    }
    const body: unknown = await request.json().catch(() => {
      throw validationError({ body: ["The request body is not valid JSON."] });
    });
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw validationError(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
    return answer(await run(admin, parsed.data), 200);
  } catch (error) {
    return answer(toActionResult(error), isAppError(error) ? error.httpStatus : 500);
  }
}
