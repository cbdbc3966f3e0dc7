import type { Metadata } from "next";
import { prisma } from "@/lib/db/client";
import { serviceOptions } from "@/lib/model/queries";
import { PageHeader } from "@/components/ui/page-header";
import { BackupPathForm, NEW_BACKUP_PATH } from "@/components/editors/backup-path-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New backup path" };

export default async function NewBackupPathPage() {
  return (
    <>
      <PageHeader title="New backup path" />
      <BackupPathForm
        action={saveRowAction.bind(null, "backupPath", null)}
        values={NEW_BACKUP_PATH}
        services={await serviceOptions(prisma)}
        submitLabel="Create backup path"
      />
    </>
  );
}
