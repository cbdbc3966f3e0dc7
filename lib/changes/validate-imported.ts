// Values read back from the repo were typed by hand: they pass the same zod schemas as the
// forms before they enter the draft, and every problem is reported at once.
import { AppError } from "@/lib/errors/app-error";
import { accessRuleSchema } from "@/lib/model/schemas/access-rule";
import { absolutePath } from "@/lib/model/schemas/backup-path";
import { monitorSchema } from "@/lib/model/schemas/monitor";
import { serviceSchema } from "@/lib/model/schemas/service";
import { virtualHostSchema } from "@/lib/model/schemas/virtual-host";
import type { DraftSnapshot } from "@/lib/model/snapshot";
import { ruleLabel } from "./summary";
import type { z } from "zod";

function problems(result: z.ZodSafeParseResult<unknown>, where: string): string[] {
  return result.success ? [] : result.error.issues.map((i) => `${where}: ${i.message}`);
}

function duplicates(names: string[], what: string): string[] {
  const seen = new Set<string>();
  return names.filter((n) => (seen.has(n) ? true : (seen.add(n), false))).map((n) => `${what} ${JSON.stringify(n)} appears twice.`);
}

/** The snapshot, unchanged, when every item is valid; otherwise VALIDATION with the list. */
export function validateImportedSnapshot(snapshot: DraftSnapshot): DraftSnapshot {
  const issues = [
    ...snapshot.services.flatMap((s) => problems(serviceSchema.shape.name.safeParse(s.name), `service ${JSON.stringify(s.name)}`)),
    ...snapshot.virtualHosts.flatMap((v) =>
      problems(virtualHostSchema.safeParse({ ...v, enabled: true, serviceId: null }), `virtual host ${JSON.stringify(v.subdomain)}`),
    ),
    ...snapshot.accessRules.flatMap((r) => problems(accessRuleSchema.safeParse({ ...r, note: "" }), `access rule ${ruleLabel(r)}`)),
    ...snapshot.monitors.flatMap((m) =>
      problems(monitorSchema.safeParse({ ...m, enabled: true, serviceId: null }), `monitor ${JSON.stringify(m.name)}`),
    ),
    ...[...snapshot.backup.extraPaths, ...snapshot.backup.exclude]
      // Excludes may be restic patterns ("*.tmp"); only absolute ones are checked as paths.
      .filter((p, i) => i < snapshot.backup.extraPaths.length || p.startsWith("/"))
      .flatMap((p) => problems(absolutePath.safeParse(p), `backup path ${JSON.stringify(p)}`)),
    ...duplicates(snapshot.monitors.map((m) => m.name), "Monitor"),
  ];
  if (issues.length > 0) {
    throw new AppError(
      "VALIDATION",
      `The repo's values cannot become the draft as they are; nothing was imported. Fix these in the repo or overwrite them with the draft:\n- ${issues.join("\n- ")}`,
      { issues },
    );
  }
  return snapshot;
}
