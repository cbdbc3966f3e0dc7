// The dashboard's frame. Large screens: a side nav with every page. Small screens: a slim
// header and the tab bar at the bottom (tab-bar.tsx); main keeps room below for it. The
// navigation comes in as slots: the App Router layout passes the usePathname ones
// (current-page.tsx), the quick page (components/quick/quick-app.tsx) its own path.
import { DemoBanner } from "./demo-banner";

export interface ShellIdentity {
  name: string;
  user: string;
}

export function DashboardShell({
  identity,
  demo,
  nav,
  tabBar,
  children,
}: {
  identity: ShellIdentity;
  demo: boolean;
  nav: React.ReactNode;
  tabBar: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <>
      {demo && <DemoBanner />}
      <div className="mx-auto flex max-w-7xl flex-col lg:flex-row">
        <aside className="border-b border-slate-200 px-4 py-2 lg:min-h-screen lg:w-56 lg:border-r lg:border-b-0 lg:p-3 dark:border-slate-800">
          <div className="flex items-center justify-between gap-2 lg:mb-4 lg:block lg:px-3">
            <span className="font-bold lg:text-lg">homey-admin</span>
            <span className="truncate text-xs text-slate-600 lg:mt-1 lg:block dark:text-slate-400" data-testid="signed-in-as">
              {identity.name} ({identity.user})
            </span>
          </div>
          <nav aria-label="Main" className="hidden lg:block">
            {nav}
          </nav>
        </aside>
        <main className="min-w-0 flex-1 p-4 pb-[calc(5.5rem+env(safe-area-inset-bottom))] lg:p-8">{children}</main>
      </div>
      {tabBar}
    </>
  );
}
