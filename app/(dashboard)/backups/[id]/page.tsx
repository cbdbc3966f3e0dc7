import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { notFound } from "next/navigation";
import { findRowValues, serviceOptions } from "@/lib/model/queries";
import { parseRowId } from "@/lib/model/row-id";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteRow } from "@/components/editors/delete-row";
import { BackupPathForm } from "@/components/editors/backup-path-form";
import { deleteRowAction, saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "Edit backup path" };

export default async function EditBackupPathPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminPage();
  const id = parseRowId((await params).id);
  if (id === null) notFound();
  const values = await findRowValues(admin, "backupPath", id);
  if (!values) notFound();
  const backupPath = values;
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "backupPath" as const, entityId: id };
  return (
    <>
      <PageHeader title="Edit backup path" description={`${backupPath.mode === "include" ? "Included" : "Excluded"}: ${backupPath.path}`} />
      <BackupPathForm
        action={saveRowAction.bind(null, "backupPath", id)}
        values={backupPath}
        services={await serviceOptions(admin)}
        submitLabel="Save backup path"
        check={check}
      />
      <DeleteRow
        action={deleteRowAction.bind(null, "backupPath", id)}
        version={backupPath.version}
        what={`${backupPath.mode} ${backupPath.path}`}
        consequences={[
          backupPath.mode === "include"
            ? "New backups stop including this path after the next deploy; existing snapshots keep it."
            : "New backups include this path again if it lies inside an included path.",
        ]}
      />
    </>
  );
}
