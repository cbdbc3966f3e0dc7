// Confirming a preview: the switch activates the system the preview's dry-activate built
// (new profile generation + its switch-to-configuration, as nixos-rebuild does after its
// build: command.ts ACTIVATE_SCRIPT), so what was previewed is exactly what runs and
// nothing is built twice. Refused when the preview cannot be trusted any more: it did not
// succeed, its log does not name the build, something was activated after it (the
// preview compared against a system that no longer runs), or a later preview succeeded
// (that one's build is the one the target keeps from garbage collection: command.ts PREVIEW_SCRIPT).
import "server-only";
import { assertAdmin, type AdminContext } from "@/lib/auth/admin-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { AppError } from "@/lib/errors/app-error";
import { parseActivationPreview, type ActivationPreview } from "./activation-preview";
import type { DeployRunner } from "./runner";

/** Deploys after which the running system is not the one a preview compared against. */
const ACTIVATING = ["switch", "test", "rollback"];
const ACTIVATED_OR_MAYBE = ["running", "succeeded", "units_failed", "cancelled", "timed_out", "interrupted", "connection_lost"];

export interface PreviewForSwitch {
  previewId: number;
  commitSha: string;
  preview: ActivationPreview;
}

/** The preview deploy, checked: a succeeded dry-activate whose log names its build and that nothing has overtaken. */
export async function loadPreviewForSwitch(admin: AdminContext, previewId: number): Promise<PreviewForSwitch> {
  const { db } = assertAdmin(admin);
  const row = await db.deploy.findUnique({ where: { id: previewId }, select: { id: true, action: true, status: true, commitSha: true } });
  if (!row) throw new AppError("NOT_FOUND", `Deploy #${previewId} does not exist.`);
  if (row.action !== "dry-activate") throw new AppError("CONFLICT", `Deploy #${previewId} is a ${row.action}, not a preview (dry-activate).`);
  if (row.status !== "succeeded" || !row.commitSha) {
    throw new AppError("CONFLICT", `The preview #${previewId} did not succeed (${row.status}); there is no build to switch to. Deploy again to preview anew.`);
  }
  const later = await db.deploy.findFirst({
    where: { id: { gt: previewId }, action: { in: ACTIVATING }, status: { in: ACTIVATED_OR_MAYBE } },
    orderBy: { id: "asc" },
    select: { id: true, action: true },
  });
  if (later) {
    throw new AppError(
      "CONFLICT",
      `Deploy #${later.id} (${later.action}) ran after this preview, so it compared against a system that no longer runs. Deploy again to preview what changes now.`,
    );
  }
  const newer = await db.deploy.findFirst({
    where: { id: { gt: previewId }, action: "dry-activate", status: "succeeded" },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  if (newer) {
    throw new AppError(
      "CONFLICT",
      `The preview #${newer.id} ran after this one and superseded it (the target keeps only the newest preview's build). Confirm #${newer.id}, or deploy again to preview anew.`,
    );
  }
  const lines = await db.deployLogLine.findMany({ where: { deployId: previewId }, orderBy: { seq: "asc" }, select: { text: true } });
  const preview = parseActivationPreview(lines.map((l) => l.text));
  if (!preview.outPath) {
    throw new AppError(
      "CONFLICT",
      `The preview #${previewId}'s log does not say where the built system is (no "homey-admin: preview built …" line: did the preview stop before its build finished?). Deploy again to preview anew, or switch without a preview.`,
    );
  }
  return { previewId, commitSha: row.commitSha, preview };
}

/** Starts the switch to the preview's build. */
export async function switchFromPreview(admin: AdminContext, runner: DeployRunner, previewId: number): Promise<{ deployId: number }> {
  const { commitSha, preview } = await loadPreviewForSwitch(admin, previewId);
  const started = await runner.start({ action: "switch", commitSha, storePath: preview.outPath ?? undefined, actor: admin.actor });
  // The timeline's "alice confirmed the switch to abc1234" (the switch's own row says how it ended).
  await recordAuditEvent(admin.db, {
    actor: admin.actor,
    actorName: admin.actorName,
    action: "confirm",
    entityType: "deploy",
    entityId: started.deployId,
    after: { commitSha, previewId, outPath: preview.outPath },
  });
  return started;
}
