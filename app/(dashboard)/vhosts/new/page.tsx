import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { serviceOptions } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { NEW_VIRTUAL_HOST, VirtualHostForm } from "@/components/editors/virtual-host-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New virtual host" };

export default async function NewVirtualHostPage() {
  const admin = await requireAdminPage();
  return (
    <>
      <PageHeader title="New virtual host" />
      <VirtualHostForm
        action={saveRowAction.bind(null, "virtualHost", null)}
        values={NEW_VIRTUAL_HOST}
        services={await serviceOptions(admin)}
        submitLabel="Create virtual host"
      />
    </>
  );
}
