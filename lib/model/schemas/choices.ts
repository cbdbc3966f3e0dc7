// The fixed choices of the editors' select fields and homey's priority convention, without
// zod: the forms render them at first paint, while the schemas (zod, ~30 kB gzip) load after
// it (components/forms/use-schema.ts). The schemas build their enums from these same lists.

export const ACCESS_POLICIES = ["bypass", "one_factor", "two_factor", "deny"] as const;
export type AccessPolicyName = (typeof ACCESS_POLICIES)[number];

export const SERVICE_KINDS = ["container", "native", "external-flake"] as const;

export const MONITOR_TYPES = ["http", "keyword"] as const;

export const VHOST_AUTH = ["authelia", "none"] as const;

export const BACKUP_MODES = ["include", "exclude"] as const;

/** homey's convention for priorities; a mismatch is a warning, not an error. */
export function priorityRangeWarning(priority: number, policy: AccessPolicyName): string | null {
  const expect = (range: string, allowed: AccessPolicyName[]) =>
    allowed.includes(policy) ? null : `Priority ${priority} is in homey's ${range} range, which expects ${allowed.join(" or ")}, not ${policy}.`;
  if (priority === 0) return expect("0 (bypass)", ["bypass"]);
  if (priority >= 10 && priority <= 19) return expect("10–19 (blanket bypass)", ["bypass"]);
  if (priority >= 20 && priority <= 49) return expect("20–49 (admin two_factor + deny pairs)", ["two_factor", "deny"]);
  if (priority >= 50 && priority <= 64) return expect("50–64 (one_factor open)", ["one_factor"]);
  if (priority >= 65 && priority <= 79) return null;
  return `Priority ${priority} is outside homey's ranges (0, 10–19, 20–49, 50–64, 65–79).`;
}
