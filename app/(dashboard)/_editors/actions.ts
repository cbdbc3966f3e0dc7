"use server";
// The create/update/delete actions of all five editors: each area differs only in its
// definition (lib/model/areas.ts), so the actions are written once and bound per page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { actorName, requireAdmin } from "@/lib/auth/session";
import { prisma } from "@/lib/db/client";
import { toActionResult, type ActionResult } from "@/lib/errors/action-result";
import { AppError } from "@/lib/errors/app-error";
import { AREAS, type AreaName } from "@/lib/model/areas";
import { createRow, deleteRow, updateRow } from "@/lib/model/mutations";
import { AREA_PATHS } from "./area-paths";

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  formData.forEach((v, k) => {
    if (!k.startsWith("$") && typeof v === "string") values[k] = v;
  });
  return values;
}

function checkArea(area: string): AreaName {
  if (!(area in AREAS)) throw new AppError("NOT_FOUND", "Unknown editor.");
  return area as AreaName;
}

function savedLocation(area: AreaName, title: string, warnings: string[]): string {
  const params = new URLSearchParams({ saved: title });
  for (const w of warnings) params.append("warning", w);
  return `${AREA_PATHS[area]}?${params}`;
}

export async function saveRowAction(area: AreaName, id: number | null, _previous: ActionResult, formData: FormData): Promise<ActionResult> {
  let location: string;
  try {
    const identity = await requireAdmin();
    const checked = checkArea(area);
    const values = formValues(formData);
    const actor = actorName(identity);
    const result =
      id === null
        ? await createRow(prisma, checked, actor, values)
        : await updateRow(prisma, checked, actor, id, Number(values.version), values);
    revalidatePath("/", "layout");
    location = savedLocation(checked, result.title, result.warnings);
  } catch (error) {
    return toActionResult(error);
  }
  redirect(location);
}

export async function deleteRowAction(area: AreaName, id: number, _previous: ActionResult, formData: FormData): Promise<ActionResult> {
  let location: string;
  try {
    const identity = await requireAdmin();
    const checked = checkArea(area);
    await deleteRow(prisma, checked, actorName(identity), id, Number(formData.get("version")), {
      deleteLinked: formData.get("linked") === "delete",
    });
    revalidatePath("/", "layout");
    location = `${AREA_PATHS[checked]}?deleted=1`;
  } catch (error) {
    return toActionResult(error);
  }
  redirect(location);
}
