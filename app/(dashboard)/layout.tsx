import { requireAdminPage } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/config/env";
import { CurrentNavLinks, CurrentTabBar } from "@/components/layout/current-page";
import { DashboardShell } from "@/components/layout/dashboard-shell";
import { pendingFileCount } from "@/lib/status/where-now";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const admin = await requireAdminPage();
  const { pending } = await pendingFileCount(admin);
  const badges = { "/changes": pending ?? 0 };
  return (
    <DashboardShell identity={admin.identity} demo={isDemoMode()} nav={<CurrentNavLinks badges={badges} />} tabBar={<CurrentTabBar badges={badges} />}>
      {children}
    </DashboardShell>
  );
}
