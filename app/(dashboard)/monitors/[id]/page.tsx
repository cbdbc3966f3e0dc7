import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { notFound } from "next/navigation";
import { homeyDomain } from "@/lib/config/env";
import { findRowValues, serviceOptions } from "@/lib/model/queries";
import { parseRowId } from "@/lib/model/row-id";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteRow } from "@/components/editors/delete-row";
import { MonitorForm } from "@/components/editors/monitor-form";
import { deleteRowAction, saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "Edit monitor" };

export default async function EditMonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminPage();
  const id = parseRowId((await params).id);
  if (id === null) notFound();
  const values = await findRowValues(admin, "monitor", id);
  if (!values) notFound();
  const monitor = values;
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "monitor" as const, entityId: id };
  return (
    <>
      <PageHeader title={`Edit ${monitor.name}`} />
      <MonitorForm
        action={saveRowAction.bind(null, "monitor", id)}
        values={monitor}
        services={await serviceOptions(admin)}
        domain={homeyDomain()}
        submitLabel="Save monitor"
        check={check}
      />
      <DeleteRow
        action={deleteRowAction.bind(null, "monitor", id)}
        version={monitor.version}
        what={`monitor ${monitor.name}`}
        consequences={["The next Uptime Kuma sync removes it, with its history, from the status page."]}
      />
    </>
  );
}
