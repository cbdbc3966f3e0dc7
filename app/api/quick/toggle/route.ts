// Switch one service on or off in the draft (the quick-toggle page's switch). The rules —
// protected services, lockout, dependents — are the write path's (lib/model/write-path.ts).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { isAppError } from "@/lib/errors/app-error";
import { jsonAction } from "@/lib/http/json-action";
import { rowId, version } from "@/lib/model/schemas/fields";
import { setServiceEnabled } from "@/lib/model/service-toggle";

const toggleSchema = z.object({ id: rowId, version, enabled: z.boolean(), withDependents: z.boolean().default(false) });

export function POST(request: Request) {
  return jsonAction(request, toggleSchema, async (admin, { id, version: expected, enabled, withDependents }) => {
    try {
      const result = await setServiceEnabled(admin, id, expected, enabled, { withDependents });
      // The App Router pages (overview, services, changes) show the draft too.
      revalidatePath("/", "layout");
      return { ok: true, message: `${result.name} is ${result.enabled ? "on" : "off"} in the draft.`, warnings: result.moved, details: { version: result.version } };
    } catch (error) {
      if (isAppError(error) && (error.code === "VERSION_CONFLICT" || error.code === "NOT_FOUND")) revalidatePath("/", "layout");
      throw error;
    }
  });
}
