"use client";
import { EntityForm } from "@/components/forms/entity-form";
import type { LiveCheck } from "@/components/checks/use-live-findings";
import { SelectField, TextAreaField, TextField } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/errors/action-result";
import { BACKUP_MODES } from "@/lib/model/schemas/choices";
import type { BackupPathInput } from "@/lib/model/schemas/backup-path";
import type { FormValues } from "@/lib/model/schemas/form-values";
import { serviceChoices, type ServiceOption } from "./service-choices";

// The schema loads after first paint (components/forms/use-lazy.ts); the server validates meanwhile.
const loadBackupPathSchema = () => import("@/lib/model/schemas/backup-path").then((m) => m.backupPathSchema);

export type BackupPathValues = FormValues<BackupPathInput>;

export const NEW_BACKUP_PATH: BackupPathValues = { path: "", mode: "include", note: "", serviceId: null };

export function BackupPathForm({
  action,
  values,
  services,
  submitLabel,
  check,
}: {
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  values: BackupPathValues;
  services: ServiceOption[];
  submitLabel: string;
  /** The draft to judge this form against while typing. */
  check?: LiveCheck;
}) {
  return (
    <EntityForm action={action} schema={loadBackupPathSchema} submitLabel={submitLabel} check={check} resetKey={values.version}>
      {values.version !== undefined && <input type="hidden" name="version" value={values.version} />}
      <TextField name="path" label="Path" defaultValue={values.path} hint="Absolute and in normal form, e.g. /var/lib/nextcloud/data (no .., no trailing /)." />
      <SelectField
        name="mode"
        label="Mode"
        defaultValue={values.mode}
        options={BACKUP_MODES.map((m) => ({ value: m, label: m === "include" ? "include — back this up" : "exclude — skip it, even inside an included path" }))}
      />
      <SelectField name="serviceId" label="Service" defaultValue={values.serviceId} options={serviceChoices(services)} />
      <TextAreaField name="note" label="Note" defaultValue={values.note} rows={2} hint="Why it is (not) backed up, e.g. reproducible from source." />
    </EntityForm>
  );
}
