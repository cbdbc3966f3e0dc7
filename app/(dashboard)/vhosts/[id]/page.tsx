import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { notFound } from "next/navigation";
import { findRowValues, serviceOptions } from "@/lib/model/queries";
import { parseRowId } from "@/lib/model/row-id";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteRow } from "@/components/editors/delete-row";
import { VirtualHostForm } from "@/components/editors/virtual-host-form";
import { ModuleManagedNotice } from "@/components/editors/module-managed-notice";
import { isModuleManagedVirtualHost, MODULE_OPTION } from "@/lib/model/module-managed";
import { moduleManagedConfig } from "@/lib/model/module-managed-config";
import { deleteRowAction, saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "Edit virtual host" };

export default async function EditVirtualHostPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminPage();
  const id = parseRowId((await params).id);
  if (id === null) notFound();
  const values = await findRowValues(admin, "virtualHost", id);
  if (!values) notFound();
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "virtualHost" as const, entityId: id };
  const form = (
    <VirtualHostForm
      action={saveRowAction.bind(null, "virtualHost", id)}
      values={values}
      services={await serviceOptions(admin)}
      submitLabel="Save virtual host"
      check={check}
    />
  );
  if (isModuleManagedVirtualHost(moduleManagedConfig(), values)) {
    // Read-only: the module defines it (the write path refuses changes too).
    return (
      <>
        <PageHeader title={`Virtual host ${values.subdomain}`} />
        <ModuleManagedNotice what={`The virtual host ${values.subdomain}`} option={MODULE_OPTION} />
        <fieldset disabled aria-describedby="module-managed-note">
          {form}
        </fieldset>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Edit ${values.subdomain}`} />
      {form}
      <DeleteRow action={deleteRowAction.bind(null, "virtualHost", id)} version={values.version} what={`virtual host ${values.subdomain}`} consequences={["Caddy stops serving this name after the next deploy."]} />
    </>
  );
}
