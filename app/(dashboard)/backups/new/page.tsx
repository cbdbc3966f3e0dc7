import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { serviceOptions } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { BackupPathForm, NEW_BACKUP_PATH } from "@/components/editors/backup-path-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New backup path" };

export default async function NewBackupPathPage() {
  const admin = await requireAdminPage();
  return (
    <>
      <PageHeader title="New backup path" />
      <BackupPathForm
        action={saveRowAction.bind(null, "backupPath", null)}
        values={NEW_BACKUP_PATH}
        services={await serviceOptions(admin)}
        submitLabel="Create backup path"
      />
    </>
  );
}
