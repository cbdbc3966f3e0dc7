import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { homeyDomain } from "@/lib/config/env";
import { serviceOptions } from "@/lib/model/queries";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { NEW_ENTITY_ID } from "@/lib/checks";
import { PageHeader } from "@/components/ui/page-header";
import { MonitorForm, NEW_MONITOR } from "@/components/editors/monitor-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New monitor" };

export default async function NewMonitorPage() {
  const admin = await requireAdminPage();
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "monitor" as const, entityId: NEW_ENTITY_ID };
  return (
    <>
      <PageHeader title="New monitor" />
      <MonitorForm
        action={saveRowAction.bind(null, "monitor", null)}
        values={NEW_MONITOR}
        services={await serviceOptions(admin)}
        domain={homeyDomain()}
        submitLabel="Create monitor"
        check={check}
      />
    </>
  );
}
