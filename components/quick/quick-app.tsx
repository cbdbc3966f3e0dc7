"use client";
// The quick-toggle page as one component tree: the dashboard's frame and the page, from one
// QuickScreen, rendered with Preact on the server (server-entry.tsx, for app/quick/route.ts)
// and then in the browser (browser-entry.tsx). Each change is a JSON POST (app/api/quick/*) and then one read
// of the screen (GET /api/quick), so everything on the page moves together — the switch,
// the three states, what Apply would do, the Changes badge.
import { useCallback, useMemo, useRef, useState } from "react";
import type { ActionResult } from "@/lib/errors/action-result";
import type { QuickScreen } from "@/lib/quick/screen";
import { DashboardShell } from "@/components/layout/dashboard-shell";
import { NavLinks } from "@/components/layout/nav-links";
import { TabBar } from "@/components/layout/tab-bar";
import { QuickTogglePage, type QuickActions } from "./quick-toggle-page";

export const QUICK_PATH = "/quick";
/** Where quick-document.tsx puts the app and its data; browser-entry.tsx finds them there. */
export const QUICK_ROOT_ID = "quick-app";
export const QUICK_DATA_ID = "quick-screen";

async function postJson(url: string, body: unknown): Promise<ActionResult> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const result = (await response.json().catch(() => null)) as ActionResult | null;
  return result ?? { ok: false, message: `The server answered ${response.status} without a result; reload to see where things stand.` };
}

export function QuickApp({ initial }: { initial: QuickScreen }) {
  const [screen, setScreen] = useState(initial);
  // Reads may overlap (two switches in a row): only the newest one's answer is shown.
  const lastRead = useRef(0);
  const refresh = useCallback(async () => {
    const read = ++lastRead.current;
    try {
      const response = await fetch("/api/quick", { cache: "no-store" });
      if (!response.ok) return;
      const next = (await response.json()) as QuickScreen;
      if (read === lastRead.current) setScreen(next);
    } catch {
      // Offline for a moment: the page keeps what it shows; the next change reads again.
    }
  }, []);
  const actions = useMemo<QuickActions>(
    () => ({
      toggle: async (input) => {
        const result = await postJson("/api/quick/toggle", input);
        await refresh();
        return result;
      },
      apply: async (fingerprint) => {
        const result = await postJson("/api/quick/apply", { fingerprint });
        await refresh();
        return result;
      },
      refresh: () => void refresh(),
    }),
    [refresh],
  );
  const badges = { "/changes": screen.shell.pendingFiles };
  return (
    <DashboardShell
      identity={screen.shell}
      demo={screen.shell.demo}
      nav={<NavLinks pathname={QUICK_PATH} badges={badges} />}
      tabBar={<TabBar pathname={QUICK_PATH} badges={badges} />}
    >
      <QuickTogglePage screen={screen} actions={actions} />
    </DashboardShell>
  );
}
