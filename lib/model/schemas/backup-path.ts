import { z } from "zod";
import { controlCharProblem, note, optionalServiceId } from "./fields";
import { BACKUP_MODES } from "./choices";

export { BACKUP_MODES };

/** What is wrong with a path as restic would take it, or null. */
export function pathProblem(p: string): string | null {
  if (/[\n\r]/.test(p)) return "A path cannot contain a line break.";
  const control = controlCharProblem(p);
  if (control) return control;
  if (!p.startsWith("/")) return "Use an absolute path, starting with / (e.g. /var/lib/nextcloud).";
  const segments = p.split("/").slice(1);
  if (segments.includes("..")) return "A path cannot contain .. — write the real absolute path.";
  const normal = "/" + segments.filter((s) => s !== "" && s !== ".").join("/");
  if (normal !== p) return `Write the path in normal form: ${normal}`;
  return null;
}

export const absolutePath = z
  .string()
  .trim()
  .superRefine((p, ctx) => {
    const problem = pathProblem(p);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const backupPathSchema = z.object({
  path: absolutePath,
  mode: z.enum(BACKUP_MODES, { error: "Choose include or exclude." }),
  note,
  serviceId: optionalServiceId,
});

export type BackupPathInput = z.infer<typeof backupPathSchema>;
