// HEAD has no row ids: the committed Nix is read back as a DraftSnapshot (lib/nix/import).
// For the simulator's HEAD side (matrix, diffMatrix) it is turned into a CheckDraft with
// positional ids. What the snapshot does not carry (state dirs, links to services) is empty,
// so run checkDraft on the DB draft, and this only for simulation.
import type { DraftSnapshot } from "@/lib/model/snapshot";
import type { CheckDraft } from "./input";

export function checkDraftFromSnapshot(
  snapshot: DraftSnapshot,
  settings: Pick<CheckDraft, "domain" | "adminGroup" | "adminHost" | "defaultPolicy">,
): CheckDraft {
  return {
    ...settings,
    services: snapshot.services.map((s, i) => ({ id: i + 1, name: s.name, enabled: s.enabled, protected: false, stateDir: "" })),
    // The renderer leaves disabled vhosts and monitors out, so everything in a snapshot is enabled.
    virtualHosts: snapshot.virtualHosts.map((v, i) => ({ id: i + 1, ...v, enabled: true, serviceId: null })),
    accessRules: snapshot.accessRules.map((r, i) => ({ id: i + 1, ...r, note: "" })),
    monitors: snapshot.monitors.map((m, i) => ({ id: i + 1, ...m, enabled: true, serviceId: null })),
    backupPaths: [
      ...snapshot.backup.extraPaths.map((path, i) => ({ id: i + 1, path, mode: "include" as const, serviceId: null })),
      ...snapshot.backup.exclude.map((path, i) => ({ id: snapshot.backup.extraPaths.length + i + 1, path, mode: "exclude" as const, serviceId: null })),
    ],
  };
}
