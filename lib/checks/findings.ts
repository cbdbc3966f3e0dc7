// The checker: one pure function over the whole draft and the signed-in admin. It runs in the
// browser on every keystroke and again on the server before every commit.
import type { CheckDraft, Viewer } from "./input";
import { createContext, type CheckOptions } from "./context";
import type { Finding } from "./finding";
import { checkAccessRules } from "./areas/access-rules";
import { checkVirtualHosts } from "./areas/virtual-hosts";
import { checkMonitors } from "./areas/monitors";
import { checkBackups } from "./areas/backups";
import { checkLockout } from "./areas/lockout";

export type { Finding } from "./finding";

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function checkDraft(draft: CheckDraft, viewer: Viewer, options: CheckOptions = {}): Finding[] {
  const ctx = createContext(draft, viewer, options);
  const findings = [...checkLockout(ctx), ...checkAccessRules(ctx), ...checkVirtualHosts(ctx), ...checkMonitors(ctx), ...checkBackups(ctx)];
  // Stable: errors first, then by area and row, keeping each area's own order within a row.
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}

/** Errors block Apply; warnings and infos never do. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "error");
}

/** Findings for one row (for a list badge or an editor), optionally one field. */
export function findingsFor(findings: readonly Finding[], area: Finding["area"], entityId: number, field?: string): Finding[] {
  return findings.filter((f) => f.area === area && f.entityId === entityId && (field === undefined || f.field === field));
}
