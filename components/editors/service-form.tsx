"use client";
import { EntityForm } from "@/components/forms/entity-form";
import type { LiveCheck } from "@/components/checks/use-live-findings";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/errors/action-result";
import { SERVICE_KINDS } from "@/lib/model/schemas/choices";
import type { ServiceInput } from "@/lib/model/schemas/service";
import type { FormValues } from "@/lib/model/schemas/form-values";
import { dependentsOffer } from "@/lib/model/dependents-offer";
import { DependentsChoice } from "./dependents-choice";

// The schema loads after first paint (components/forms/use-lazy.ts); the server validates meanwhile.
const loadServiceSchema = () => import("@/lib/model/schemas/service").then((m) => m.serviceSchema);

export type ServiceValues = FormValues<ServiceInput> & { protected: boolean };

export const NEW_SERVICE: ServiceValues = {
  name: "",
  title: "",
  description: "",
  kind: "container",
  enabled: true,
  protected: false,
  stateDir: "",
  unitName: "",
};

const KIND_LABELS: Record<(typeof SERVICE_KINDS)[number], string> = {
  container: "Container (Podman, oci-containers)",
  native: "Native NixOS service",
  "external-flake": "External flake (wrapped module)",
};

export function ServiceForm({
  action,
  values,
  submitLabel,
  check,
}: {
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  values: ServiceValues;
  submitLabel: string;
  /** The draft to judge this form against while typing. */
  check?: LiveCheck;
}) {
  const existing = values.version !== undefined;
  return (
    <EntityForm action={action} schema={loadServiceSchema} submitLabel={submitLabel} check={check} resetKey={values.version}>
      {existing && <input type="hidden" name="version" value={values.version} />}
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="name" label="Name" defaultValue={values.name} hint="Slug used in Nix and links, e.g. nextcloud." />
        <TextField name="title" label="Title" defaultValue={values.title} hint="How people call it, e.g. Nextcloud." />
      </div>
      <TextAreaField name="description" label="Description" defaultValue={values.description} rows={2} />
      <SelectField name="kind" label="Kind" defaultValue={values.kind} options={SERVICE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
      <TextField
        name="stateDir"
        label="State directory"
        defaultValue={values.stateDir}
        hint="Absolute path of its data, e.g. /var/lib/nextcloud (used by backup checks). Leave empty if it keeps none."
      />
      <TextField
        name="unitName"
        label="systemd unit"
        defaultValue={values.unitName}
        hint="The unit whose state Prometheus reports as this service's live state. Empty: <name>.service, or podman-<name>.service for a container."
      />
      <CheckboxField name="enabled" label="Enabled" defaultChecked={values.enabled} hint="A disabled service stays in the draft, switched off in homey." />
      {existing && check && (
        <DependentsChoice savedEnabled={values.enabled} offOffer={dependentsOffer(check.draft, check.entityId, false)} onOffer={dependentsOffer(check.draft, check.entityId, true)} />
      )}
      {existing ? (
        <>
          {/* Disabled inputs do not post: the hidden input carries the unchanged value. */}
          <input type="hidden" name="protected" value={values.protected ? "on" : ""} />
          <CheckboxField
            name="protected"
            label="Protected"
            defaultChecked={values.protected}
            disabled
            hint={
              values.protected
                ? "homey's proxy, sign-in or this dashboard depend on it: it cannot be deleted or unprotected here (that is done in Nix)."
                : "Protection is chosen when a service is created and cannot be changed here."
            }
          />
        </>
      ) : (
        <CheckboxField
          name="protected"
          label="Protected"
          defaultChecked={values.protected}
          hint="For the auth/proxy stack and this dashboard: a protected service cannot be deleted or unprotected from the dashboard."
        />
      )}
    </EntityForm>
  );
}
