import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { PageHeader } from "@/components/ui/page-header";
import { NewServiceForm } from "@/components/editors/new-service/new-service-form";
import { createServiceAction } from "./actions";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const admin = await requireAdminPage();
  // The checker runs in the browser on this draft with everything the form would create in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin) };
  return (
    <>
      <PageHeader
        title="New service"
        description="The service and what homey attaches to it — its virtual host, access rules, a monitor and a backup path — created together as one change. Skip any part you do not need."
      />
      <NewServiceForm action={createServiceAction} check={check} />
    </>
  );
}
