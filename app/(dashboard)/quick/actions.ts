"use server";
// The quick-toggle page's two actions: switch one service in the draft, and Apply & deploy.
// Each checks the admin again (an action is a public POST endpoint), validates, makes one
// lib call and refreshes the pages that show the draft.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors/app-error";
import { toActionResult, validationError, type ActionResult } from "@/lib/errors/action-result";
import { setServiceEnabled } from "@/lib/model/service-toggle";
import { rowId, version } from "@/lib/model/schemas/fields";
import { applyAndDeploy } from "@/lib/apply/apply-and-deploy";
import { repoSettingsFromEnv } from "@/lib/repo/settings";

const toggleSchema = z.object({ id: rowId, version, enabled: z.boolean(), withDependents: z.boolean().default(false) });
const applySchema = z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "Reload the page: the confirmed summary is missing.") });

export async function toggleServiceAction(input: { id: number; version: number; enabled: boolean; withDependents?: boolean }): Promise<ActionResult> {
  try {
    const admin = await requireAdmin();
    const parsed = toggleSchema.safeParse(input);
    if (!parsed.success) throw validationError(z.flattenError(parsed.error).fieldErrors);
    const { id, version: expected, enabled, withDependents } = parsed.data;
    const result = await setServiceEnabled(admin, id, expected, enabled, { withDependents });
    revalidatePath("/", "layout");
    return { ok: true, message: `${result.name} is ${result.enabled ? "on" : "off"} in the draft.`, warnings: result.moved, details: { version: result.version } };
  } catch (error) {
    // A conflict: re-read, so the toggle shows the service as it is now.
    if (isAppError(error) && (error.code === "VERSION_CONFLICT" || error.code === "NOT_FOUND")) revalidatePath("/", "layout");
    return toActionResult(error);
  }
}

export async function applyAndDeployAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const admin = await requireAdmin();
    const parsed = applySchema.safeParse({ fingerprint: formData.get("fingerprint") });
    if (!parsed.success) throw validationError(z.flattenError(parsed.error).fieldErrors);
    const result = await applyAndDeploy({
      admin,
      settings: repoSettingsFromEnv(),
      fingerprint: parsed.data.fingerprint,
    });
    revalidatePath("/", "layout");
    return {
      ok: true,
      message: result.committed ? `Committed ${result.shortSha}; deploying it.` : `Deploying ${result.shortSha}.`,
      details: { deployId: result.deployId, sha: result.sha, shortSha: result.shortSha },
    };
  } catch (error) {
    // A commit may have been made before the deploy was refused; the summary moved either way.
    revalidatePath("/", "layout");
    return toActionResult(error);
  }
}
