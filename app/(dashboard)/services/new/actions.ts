"use server";
// "New service" in one step: one action, one lib/model call, one transaction.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/errors/action-result";
import { createServiceWithParts } from "@/lib/model/new-service";
import { formValues } from "../../_editors/form-values";

export async function createServiceAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  let location: string;
  try {
    const admin = await requireAdmin();
    const result = await createServiceWithParts(admin, formValues(formData));
    revalidatePath("/", "layout");
    location = `/services?${new URLSearchParams({ saved: result.title })}`;
  } catch (error) {
    return toActionResult(error);
  }
  redirect(location);
}
