"use server";
// Deploy, roll back, redeploy, cancel. Each checks the admin again (an action is a public
// POST endpoint), validates, makes one runner call, and sends the admin to the live view.
// The runner refuses a second deploy (DEPLOY_BUSY, with the running deploy's id) and bad
// settings (DEPLOY_CONFIG, with every problem listed); both come back as the form's message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAdmin, type AdminContext } from "@/lib/auth/session";
import { deployActionSchema } from "@/lib/deploy/command";
import { deployHeadProblem } from "@/lib/deploy/head-check";
import { getDeploy, headCommit } from "@/lib/deploy/history";
import { loadRollbackAvailability } from "@/lib/status/where-now";
import { deployRunner } from "@/lib/deploy/instance";
import { switchFromPreview } from "@/lib/deploy/preview-switch";
import { keepDeploy } from "@/lib/rollout/health-follow-up";
import { rollbackDeps } from "@/lib/rollout/instance";
import { startRollback, startRollbackOfNewest } from "@/lib/rollout/roll-back";
import { AppError } from "@/lib/errors/app-error";
import { commitExists } from "@/lib/repo/commit-exists";
import { toActionResult, validationError, type ActionResult } from "@/lib/errors/action-result";

const startDeploySchema = z.object({ action: deployActionSchema, commitSha: z.string(), preview: z.boolean() });
const deployIdSchema = z.coerce.number().int().positive();

/** A deploy's id from the page (a bound argument or a form field, both client-sent): a number or a clear refusal. */
function deployIdFrom(value: unknown): number {
  const id = deployIdSchema.safeParse(value);
  if (!id.success) throw new AppError("VALIDATION", "Which deploy this is for is missing or not a deploy number; reload the page and try again.");
  return id.data;
}

/** Runs `start` as the signed-in admin and sends the admin to the live view of the deploy it started; a refusal stays on the form. */
async function startThenFollow(start: (admin: AdminContext) => Promise<number>): Promise<ActionResult> {
  let deployId: number;
  try {
    deployId = await start(await requireAdmin());
  } catch (error) {
    return toActionResult(error);
  }
  revalidatePath("/", "layout");
  redirect(`/deploys/${deployId}`);
}

/** Deploys HEAD — the commit the admin saw on the page, refused if HEAD has moved since. */
export async function startDeployAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return startThenFollow(async (admin) => {
    // The commit is checked against HEAD below, where a bad one gets a message that says what is wrong.
    const parsed = startDeploySchema.safeParse({
      action: formData.get("action"),
      commitSha: String(formData.get("commitSha") ?? ""),
      preview: formData.get("preview") === "on",
    });
    if (!parsed.success) throw validationError(z.flattenError(parsed.error).fieldErrors);
    const head = await headCommit(admin);
    if (!head) throw new AppError("REPO_FAILED", "The homey repo has no commit to deploy (see Changes).");
    const problem = deployHeadProblem(head, parsed.data.commitSha, await commitExists(parsed.data.commitSha));
    if (problem) throw new AppError("CONFLICT", problem);
    // A switch is previewed first unless skipped: build + dry-activate now, the switch when the admin confirms what it shows.
    const action = parsed.data.action === "switch" && parsed.data.preview ? "dry-activate" : parsed.data.action;
    return (await deployRunner().start({ action, commitSha: head.sha, actor: admin.actor })).deployId;
  });
}

/** The switch a preview showed: to the very system it built (no second build). */
export async function confirmPreviewAction(previewId: number, _previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  return startThenFollow(async (admin) => (await switchFromPreview(admin, deployRunner(), deployIdFrom(previewId))).deployId);
}

/** `nixos-rebuild switch --rollback`; the commit believed to be in that generation is recorded. */
export async function rollbackAction(_previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  return startThenFollow(async (admin) => {
    const rollback = await loadRollbackAvailability(admin);
    // The page does not offer it; a stale page or a replayed form gets the same reason.
    if (!rollback.available) throw new AppError("CONFLICT", `Nothing was rolled back: ${rollback.reason}`);
    // A switch homey-admin made: the rollback that sticks (generation switch + revert commit + draft reset).
    const sticky = await startRollbackOfNewest(admin, rollbackDeps());
    if (sticky) return sticky.rollbackDeployId;
    return (await deployRunner().start({ action: "rollback", commitSha: rollback.previous?.commitSha, actor: admin.actor })).deployId;
  });
}

/** "Roll back" on an unhealthy deploy (policy ask): the same operation as the automatic rollback. */
export async function rollbackUnhealthyAction(deployId: number, _previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  return startThenFollow(
    async (admin) => (await startRollback(admin, rollbackDeps(), { deployId: deployIdFrom(deployId), trigger: "admin" })).rollbackDeployId,
  );
}

/** "Keep" on an unhealthy deploy (policy ask): the system stays; the decision is recorded. */
export async function keepDeployAction(deployId: number, _previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  try {
    const admin = await requireAdmin();
    await keepDeploy(admin, deployIdFrom(deployId));
  } catch (error) {
    return toActionResult(error);
  }
  revalidatePath("/", "layout");
  return { ok: true, message: "Kept: the system stays as it is. Your decision is in the history." };
}

/** Switches to the commit of a successful past deploy (named by its id, never by free text). */
export async function redeployAction(_previous: ActionResult, formData: FormData): Promise<ActionResult> {
  return startThenFollow(async (admin) => {
    const id = deployIdFrom(formData.get("deployId"));
    const past = await getDeploy(admin, id);
    if (!past) throw new AppError("NOT_FOUND", `Deploy #${id} does not exist.`);
    if (past.status !== "succeeded" || !past.commitSha) {
      throw new AppError("CONFLICT", `Deploy #${past.id} did not succeed with a known commit; only those can be redeployed.`);
    }
    return (await deployRunner().start({ action: "switch", commitSha: past.commitSha, actor: admin.actor })).deployId;
  });
}

/** Stops the running deploy; the live view shows "cancelled" when the runner has recorded it. */
export async function cancelDeployAction(deployId: number, _previous: ActionResult, _formData: FormData): Promise<ActionResult> {
  try {
    const admin = await requireAdmin();
    const id = deployIdFrom(deployId);
    const runner = deployRunner();
    if (runner.current()?.deployId !== id) {
      return { ok: false, message: `Deploy #${id} is not running any more; nothing to cancel.` };
    }
    // Synchronously before cancel(): the log is still open, so who stopped it is on record.
    if (runner.bus.isOpen(id)) runner.bus.append(id, `homey-admin: cancel requested by ${admin.actor}`);
    if (!runner.cancel(id)) return { ok: false, message: `Deploy #${id} has just ended; nothing to cancel.` };
    return { ok: true, message: "Cancelling: the command is being stopped…" };
  } catch (error) {
    return toActionResult(error);
  }
}
