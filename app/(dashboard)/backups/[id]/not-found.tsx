import { RowNotFound } from "@/components/editors/row-not-found";

export default function BackupPathNotFound() {
  return <RowNotFound what="Backup path" listHref="/backups" listLabel="backup paths" />;
}
