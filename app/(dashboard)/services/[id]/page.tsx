import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { notFound } from "next/navigation";
import { findRowValues } from "@/lib/model/queries";
import { isSetEmpty, serviceSet } from "@/lib/model/service-set";
import { parseRowId } from "@/lib/model/row-id";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteRow } from "@/components/editors/delete-row";
import { ServiceForm } from "@/components/editors/service-form";
import { deleteRowAction, saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "Edit service" };

export default async function EditServicePage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminPage();
  const id = parseRowId((await params).id);
  if (id === null) notFound();
  const values = await findRowValues(admin, "service", id);
  if (!values) notFound();
  const service = values;
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "service" as const, entityId: id };
  // What "New service" attaches to a service, offered for removal with it.
  const set = serviceSet(check.draft, id);
  return (
    <>
      <PageHeader title={`Edit ${service.name}`} />
      <ServiceForm action={saveRowAction.bind(null, "service", id)} values={service} submitLabel="Save service" check={check} />
      {service.protected ? (
        <section
          aria-labelledby="protected-heading"
          className="mt-10 max-w-2xl rounded-md border-l-4 border-violet-600 bg-violet-50 p-4 text-sm text-violet-950 dark:bg-violet-950 dark:text-violet-100"
        >
          <h2 id="protected-heading" className="font-semibold">
            This service cannot be deleted
          </h2>
          <p className="mt-1">
            {service.name} is protected: homey&apos;s reverse proxy, sign-in or this dashboard depend on it, and deleting it could lock every admin
            out. To retire it, remove it from the homey repo in Nix.
          </p>
        </section>
      ) : (
        <DeleteRow
          action={deleteRowAction.bind(null, "service", id)}
          version={service.version}
          what={`service ${service.name}`}
          consequences={isSetEmpty(set) ? ["No virtual hosts, access rules for its hosts, monitors or backup paths belong to it."] : []}
          set={set}
        />
      )}
    </>
  );
}
