import { requireAdminPage } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/config/env";
import { DemoBanner } from "@/components/layout/demo-banner";
import { NavLinks } from "@/components/layout/nav-links";
import { pendingFileCount } from "@/lib/status/where-now";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdminPage();
  const { pending } = await pendingFileCount(admin);
  return (
    <>
      {isDemoMode() && <DemoBanner />}
      <div className="mx-auto flex max-w-7xl flex-col lg:flex-row">
        <nav aria-label="Main" className="border-b border-slate-200 p-3 lg:min-h-screen lg:w-56 lg:border-r lg:border-b-0 dark:border-slate-800">
          <div className="mb-2 flex items-center justify-between px-3 lg:mb-4 lg:block">
            <span className="text-lg font-bold">homey-admin</span>
            <span className="text-xs text-slate-600 lg:mt-1 lg:block dark:text-slate-400" data-testid="signed-in-as">
              {admin.identity.name} ({admin.identity.user})
            </span>
          </div>
          <NavLinks badges={{ "/changes": pending ?? 0 }} />
        </nav>
        <main className="min-w-0 flex-1 p-4 lg:p-8">{children}</main>
      </div>
    </>
  );
}
