import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { NEW_ENTITY_ID } from "@/lib/checks";
import { PageHeader } from "@/components/ui/page-header";
import { NEW_SERVICE, ServiceForm } from "@/components/editors/service-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New service" };

export default async function NewServicePage() {
  const admin = await requireAdminPage();
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "service" as const, entityId: NEW_ENTITY_ID };
  return (
    <>
      <PageHeader title="New service" />
      <ServiceForm action={saveRowAction.bind(null, "service", null)} values={NEW_SERVICE} submitLabel="Create service" check={check} />
    </>
  );
}
