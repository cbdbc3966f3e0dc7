import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { serviceOptions } from "@/lib/model/queries";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { NEW_ENTITY_ID } from "@/lib/checks";
import { PageHeader } from "@/components/ui/page-header";
import { BackupPathForm, NEW_BACKUP_PATH } from "@/components/editors/backup-path-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New backup path" };

export default async function NewBackupPathPage() {
  const admin = await requireAdminPage();
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "backupPath" as const, entityId: NEW_ENTITY_ID };
  return (
    <>
      <PageHeader title="New backup path" />
      <BackupPathForm
        action={saveRowAction.bind(null, "backupPath", null)}
        values={NEW_BACKUP_PATH}
        services={await serviceOptions(admin)}
        submitLabel="Create backup path"
        check={check}
      />
    </>
  );
}
