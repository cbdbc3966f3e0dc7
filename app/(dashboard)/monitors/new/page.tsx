import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { homeyDomain } from "@/lib/config/env";
import { serviceOptions } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { MonitorForm, NEW_MONITOR } from "@/components/editors/monitor-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New monitor" };

export default async function NewMonitorPage() {
  const admin = await requireAdminPage();
  return (
    <>
      <PageHeader title="New monitor" />
      <MonitorForm
        action={saveRowAction.bind(null, "monitor", null)}
        values={NEW_MONITOR}
        services={await serviceOptions(admin)}
        domain={homeyDomain()}
        submitLabel="Create monitor"
      />
    </>
  );
}
