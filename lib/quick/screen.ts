// Everything the quick-toggle page shows, in one plain (JSON-safe) value: the page renders it
// on the server (app/quick/route.ts) and the page's own script reads it again after each change
// (GET /api/quick), so both render the same components from the same data.
import "server-only";
import type { AdminContext } from "@/lib/auth/admin-context";
import { isDemoMode } from "@/lib/config/env";
import { withRequestScope } from "@/lib/http/request-memo";
import type { WhereStatus } from "@/lib/deploy/where";
import { deployRunner } from "@/lib/deploy/instance";
import { getLiveView } from "@/lib/live/live-state";
import type { LiveView } from "@/lib/live/types";
import { loadCheckDraft } from "@/lib/model/check-draft";
import { dependentsOffer, type DependentsOffer } from "@/lib/model/dependents-offer";
import { repoSettingsFromEnv } from "@/lib/repo/settings";
import type { AwaitingDecision } from "@/lib/rollout/awaiting-decision";
import { loadAwaitingDecision, loadWhereStatus, pendingFileCount } from "@/lib/status/where-now";
import { loadQuickToggle, type QuickToggleView } from "./quick-toggle";

export interface QuickScreen {
  /** The layout's part: who is signed in, files not committed (the Changes badge), demo mode. */
  shell: { name: string; user: string; pendingFiles: number; demo: boolean };
  view: QuickToggleView;
  where: WhereStatus;
  live: LiveView;
  pendingDecision: AwaitingDecision | null;
  /** The deploy running now, in the runner's word (a row left "running" by a restart is not). */
  runningDeployId: number | null;
  /** Per service id: what switching it off / on would take with it. */
  offers: Record<number, { off: DependentsOffer | null; on: DependentsOffer | null }>;
}

/** In its own request scope: the parts share one comparison of the draft with HEAD (lib/http/request-memo.ts). */
export function loadQuickScreen(admin: AdminContext): Promise<QuickScreen> {
  return withRequestScope(() => readQuickScreen(admin));
}

async function readQuickScreen(admin: AdminContext): Promise<QuickScreen> {
  const [view, where, live, pendingDecision, draft, { pending }] = await Promise.all([
    loadQuickToggle(admin, repoSettingsFromEnv()),
    loadWhereStatus(admin),
    getLiveView(admin),
    loadAwaitingDecision(admin),
    loadCheckDraft(admin),
    pendingFileCount(admin),
  ]);
  const offers = Object.fromEntries(view.services.map((s) => [s.id, { off: dependentsOffer(draft, s.id, false), on: dependentsOffer(draft, s.id, true) }]));
  const screen: QuickScreen = {
    shell: { name: admin.identity.name, user: admin.identity.user, pendingFiles: pending ?? 0, demo: isDemoMode() },
    view,
    where,
    live,
    pendingDecision,
    runningDeployId: deployRunner().current()?.deployId ?? null,
    offers,
  };
  // One shape for both readers: no undefined, no Date, nothing JSON would change.
  return JSON.parse(JSON.stringify(screen)) as QuickScreen;
}
