import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { NEW_SERVICE, ServiceForm } from "@/components/editors/service-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New service" };

export default function NewServicePage() {
  return (
    <>
      <PageHeader title="New service" />
      <ServiceForm action={saveRowAction.bind(null, "service", null)} values={NEW_SERVICE} submitLabel="Create service" />
    </>
  );
}
