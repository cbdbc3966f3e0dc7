import type { Metadata } from "next";
import { prisma } from "@/lib/db/client";
import { serviceOptions } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { NEW_VIRTUAL_HOST, VirtualHostForm } from "@/components/editors/virtual-host-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New virtual host" };

export default async function NewVirtualHostPage() {
  return (
    <>
      <PageHeader title="New virtual host" />
      <VirtualHostForm
        action={saveRowAction.bind(null, "virtualHost", null)}
        values={NEW_VIRTUAL_HOST}
        services={await serviceOptions(prisma)}
        submitLabel="Create virtual host"
      />
    </>
  );
}
