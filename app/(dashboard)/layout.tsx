import { requireAdminPage } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/config/env";
import { DemoBanner } from "@/components/layout/demo-banner";
import { NavLinks } from "@/components/layout/nav-links";
import { pendingFileCount } from "@/lib/status/where-now";
import { TabBar } from "@/components/layout/tab-bar";

// Large screens: a side nav with every page. Small screens: a slim header and the tab bar at
// the bottom (components/layout/tab-bar.tsx); main keeps room below for it.
export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdminPage();
  const { pending } = await pendingFileCount(admin);
  return (
    <>
      {isDemoMode() && <DemoBanner />}
      <div className="mx-auto flex max-w-7xl flex-col lg:flex-row">
        <aside className="border-b border-slate-200 px-4 py-2 lg:min-h-screen lg:w-56 lg:border-r lg:border-b-0 lg:p-3 dark:border-slate-800">
          <div className="flex items-center justify-between gap-2 lg:mb-4 lg:block lg:px-3">
            <span className="font-bold lg:text-lg">homey-admin</span>
            <span className="truncate text-xs text-slate-600 lg:mt-1 lg:block dark:text-slate-400" data-testid="signed-in-as">
              {admin.identity.name} ({admin.identity.user})
            </span>
          </div>
          <nav aria-label="Main" className="hidden lg:block">
            <NavLinks badges={{ "/changes": pending ?? 0 }} />
          </nav>
        </aside>
        <main className="min-w-0 flex-1 p-4 pb-[calc(5.5rem+env(safe-area-inset-bottom))] lg:p-8">{children}</main>
      </div>
      <TabBar badges={{ "/changes": pending ?? 0 }} />
    </>
  );
}
