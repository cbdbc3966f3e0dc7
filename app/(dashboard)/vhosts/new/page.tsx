import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { serviceOptions } from "@/lib/model/queries";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { NEW_ENTITY_ID } from "@/lib/checks";
import { PageHeader } from "@/components/ui/page-header";
import { NEW_VIRTUAL_HOST, VirtualHostForm } from "@/components/editors/virtual-host-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New virtual host" };

export default async function NewVirtualHostPage() {
  const admin = await requireAdminPage();
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "virtualHost" as const, entityId: NEW_ENTITY_ID };
  return (
    <>
      <PageHeader title="New virtual host" />
      <VirtualHostForm
        action={saveRowAction.bind(null, "virtualHost", null)}
        values={NEW_VIRTUAL_HOST}
        services={await serviceOptions(admin)}
        submitLabel="Create virtual host"
        check={check}
      />
    </>
  );
}
