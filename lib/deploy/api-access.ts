import "server-only";
import { requireAdmin, type AdminContext } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { deployExists, parseDeployId } from "./history";

/**
 * For the deploy API routes: the deploy id when an admin asks for a deploy that exists,
 * otherwise the JSON error response (401, 403 or 404) to send instead.
 */
export async function deployIdForApiRequest(rawId: string): Promise<{ id: number; admin: AdminContext } | { response: Response }> {
  let admin: AdminContext;
  try {
    admin = await requireAdmin();
  } catch (error) {
    if (isAppError(error)) return { response: Response.json({ error: error.message, code: error.code }, { status: error.httpStatus }) };
    throw error;
  }
  const id = parseDeployId(rawId);
  if (id === null || !(await deployExists(admin, id))) {
    return { response: Response.json({ error: "No such deploy.", code: "NOT_FOUND" }, { status: 404 }) };
  }
  return { id, admin };
}
