"use client";
import { EntityForm } from "@/components/forms/entity-form";
import type { LiveCheck } from "@/components/checks/use-live-findings";
import { CheckboxField, SelectField, TextField } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/errors/action-result";
import { VHOST_AUTH } from "@/lib/model/schemas/choices";
import type { VirtualHostInput } from "@/lib/model/schemas/virtual-host";
import type { FormValues } from "@/lib/model/schemas/form-values";
import { serviceChoices, type ServiceOption } from "./service-choices";

// The schema loads after first paint (components/forms/use-lazy.ts); the server validates meanwhile.
const loadVirtualHostSchema = () => import("@/lib/model/schemas/virtual-host").then((m) => m.virtualHostSchema);

export type VirtualHostValues = FormValues<VirtualHostInput>;

export const NEW_VIRTUAL_HOST: VirtualHostValues = {
  subdomain: "",
  upstreamHost: "127.0.0.1",
  upstreamPort: "",
  auth: "authelia",
  enabled: true,
  serviceId: null,
};

export function VirtualHostForm({
  action,
  values,
  services,
  submitLabel,
  check,
}: {
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  values: VirtualHostValues;
  services: ServiceOption[];
  submitLabel: string;
  /** The draft to judge this form against while typing. */
  check?: LiveCheck;
}) {
  // The hint names the configured domain (the checker's draft carries it), not a placeholder.
  const domain = check?.draft.domain ?? "<domain>";
  return (
    <EntityForm action={action} schema={loadVirtualHostSchema} submitLabel={submitLabel} check={check} resetKey={values.version}>
      {values.version !== undefined && <input type="hidden" name="version" value={values.version} />}
      <TextField name="subdomain" label="Subdomain" defaultValue={values.subdomain} hint={`One DNS label, e.g. grafana → grafana.${domain}. Use @ for ${domain} itself.`} />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="upstreamHost" label="Upstream host" defaultValue={values.upstreamHost} />
        <TextField name="upstreamPort" label="Upstream port" inputMode="numeric" defaultValue={values.upstreamPort} hint="1–65535" />
      </div>
      <SelectField
        name="auth"
        label="Sign-in"
        defaultValue={values.auth}
        options={VHOST_AUTH.map((a) => ({ value: a, label: a === "authelia" ? "Authelia (forward_auth)" : "None (the app signs in itself)" }))}
      />
      <SelectField name="serviceId" label="Service" defaultValue={values.serviceId} options={serviceChoices(services)} />
      <CheckboxField name="enabled" label="Enabled" defaultChecked={values.enabled} hint="A disabled host stays in the draft but is not rendered." />
    </EntityForm>
  );
}
