"use server";
// The create/update/delete actions of all five editors: each area differs only in its
// definition (lib/model/areas.ts), so the actions are written once and bound per page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireAdmin } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/errors/action-result";
import { AppError } from "@/lib/errors/app-error";
import { isAreaName, type AreaName } from "@/lib/model/areas";
import { createRow, deleteRow, updateRow, type DeleteOptions } from "@/lib/model/mutations";
import { removeField, SET_AREAS, type ServiceSetIds, type SetArea } from "@/lib/model/service-set";
import { AREA_PATHS } from "./area-paths";
import { formValues } from "./form-values";

/** The area is a bound argument, but a crafted POST can send any value: own keys only. */
function checkArea(area: unknown): AreaName {
  if (!isAreaName(area)) throw new AppError("NOT_FOUND", `Unknown editor ${JSON.stringify(String(area)).slice(0, 60)}: the areas are services, vhosts, access rules, monitors and backup paths.`);
  return area;
}

function savedLocation(area: AreaName, title: string, warnings: string[]): string {
  const params = new URLSearchParams({ saved: title });
  for (const w of warnings) params.append("warning", w);
  return `${AREA_PATHS[area]}?${params}`;
}

/** A service's delete dialog: which rows of its set go with it (lib/model/service-set.ts). */
function removalChoice(formData: FormData): DeleteOptions {
  if (formData.get("set") !== "1") return { linked: formData.get("linked") === "delete" ? "delete" : "unlink" };
  const ids = (area: SetArea) => formData.getAll(removeField(area)).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  return { remove: Object.fromEntries(SET_AREAS.map((area) => [area, ids(area)])) as ServiceSetIds };
}

export async function saveRowAction(area: AreaName, id: number | null, _previous: ActionResult, formData: FormData): Promise<ActionResult> {
  let location: string;
  try {
    const admin = await requireAdmin();
    const checked = checkArea(area);
    const values = formValues(formData);
    // The service editor's offer: move its vhosts and monitors with `enabled` (ticked by default).
    const withDependents = formData.get("withDependents") === "on";
    const result =
      id === null ? await createRow(admin, checked, values) : await updateRow(admin, checked, id, Number(values.version), values, { withDependents });
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
    const admin = await requireAdmin();
    const checked = checkArea(area);
    await deleteRow(admin, checked, id, Number(formData.get("version")), removalChoice(formData));
    revalidatePath("/", "layout");
    location = `${AREA_PATHS[checked]}?deleted=1`;
  } catch (error) {
    return toActionResult(error);
  }
  redirect(location);
}
