// Whether `switch --rollback` has somewhere to go, from the deploys that moved the system
// profile (switch/boot add a generation, a rollback steps back one). Offering a rollback
// with no earlier generation only ends in Nix's raw error, so the page says why instead.
// Generations made by hand before homey-admin are invisible here: the reason says so.
// A switch after a rollback makes a NEW generation on top (nix-env numbers only grow), so
// the list is never truncated: the same replay as history.ts previousGeneration.
import { ACTIVATED_STATUSES } from "./history";

export type RollbackAvailability =
  | { available: true; previous: { commitSha: string; deployId: number } | null }
  | { available: false; reason: string };

export function rollbackAvailability(deploys: { id: number; action: string; commitSha: string; status: string }[]): RollbackAvailability {
  const generations: { commitSha: string; deployId: number }[] = [];
  let current = -1;
  let sawAny = false;
  for (const deploy of [...deploys].sort((a, b) => a.id - b.id)) {
    if (!(ACTIVATED_STATUSES as readonly string[]).includes(deploy.status)) continue;
    if (deploy.action === "switch" || deploy.action === "boot") {
      sawAny = true;
      generations.push({ commitSha: deploy.commitSha, deployId: deploy.id });
      current = generations.length - 1;
    } else if (deploy.action === "rollback") {
      sawAny = true;
      current = Math.max(-1, current - 1);
    }
  }
  if (!sawAny) {
    return { available: false, reason: "homey-admin has not switched this target yet, so it knows no earlier generation to go back to." };
  }
  if (current < 1) {
    return {
      available: false,
      reason:
        current === 0
          ? "There is no earlier generation made by homey-admin: the current one is the first it switched to. (A generation made by hand before that can be restored with nixos-rebuild switch --rollback on the target.)"
          : "homey-admin already rolled back past every generation it made.",
    };
  }
  const previous = generations[current - 1];
  return { available: true, previous: previous.commitSha ? previous : null };
}
