"use server";
// Apply and Import: each checks the admin, runs one lib call, and refreshes every page
// (the overview shows the last commit, the editors show imported values).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { applyFormSchema } from "@/lib/changes/apply-form-schema";
import { importRepoIntoDraft } from "@/lib/changes/import-into-draft";
import { toActionResult, validationError, type ActionResult } from "@/lib/errors/action-result";
import { applyDraft } from "@/lib/apply/apply-draft";
import { repoSettingsFromEnv } from "@/lib/repo/settings";

export async function applyAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  try {
    const admin = await requireAdmin();
    const parsed = applyFormSchema.safeParse({
      message: formData.get("message") ?? "",
      defaultMessage: formData.get("defaultMessage") ?? "",
      confirmLockout: formData.get("confirmLockout") ?? "",
    });
    if (!parsed.success) throw validationError(z.flattenError(parsed.error).fieldErrors);
    const settings = repoSettingsFromEnv();
    const result = await applyDraft({ admin, settings, message: parsed.data.message, confirmLockout: parsed.data.confirmLockout });
    revalidatePath("/", "layout");
    if (result.status === "nothing") {
      const head = result.head ? ` (${result.head.shortSha}${result.head.authorName ? `, by ${result.head.authorName}` : ""})` : "";
      return {
        ok: true,
        message:
          `Nothing to commit: the draft already matches the last commit${head}.` +
          (result.fastForwarded ? " The clone was first brought up to date with the remote." : "") +
          (result.overwroteHandEdits ? ` Uncommitted hand edits in ${settings.generatedDir}/ were overwritten.` : ""),
      };
    }
    const notes = [
      result.fastForwarded ? "fast-forwarded to the remote first" : null,
      result.pushed ? `pushed to ${settings.branch}` : null,
      result.nixChecked ? null : "Nix is not installed here, so the syntax check was skipped",
    ].filter(Boolean);
    return {
      ok: true,
      message: `Committed ${result.files.length} file(s) as ${result.commit.authorName}${notes.length ? ` (${notes.join("; ")})` : ""}.`,
      details: { sha: result.commit.sha, shortSha: result.commit.shortSha },
    };
  } catch (error) {
    return toActionResult(error);
  }
}

export async function importAction(_previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  let location: string;
  try {
    const admin = await requireAdmin();
    const result = await importRepoIntoDraft(admin, repoSettingsFromEnv());
    revalidatePath("/", "layout");
    const counts = [
      result.created && `${result.created} added`,
      result.updated && `${result.updated} changed`,
      result.deleted && `${result.deleted} deleted`,
      result.disabled && `${result.disabled} disabled`,
    ].filter(Boolean);
    // The drift panel (and this form) disappear once the draft matches the repo, so the
    // outcome travels in the URL, as the editors' "saved" banner does.
    const params = new URLSearchParams({ imported: counts.length ? counts.join(", ") : "none" });
    for (const w of result.warnings) params.append("warning", w);
    location = `/changes?${params}`;
  } catch (error) {
    return toActionResult(error);
  }
  redirect(location);
}
