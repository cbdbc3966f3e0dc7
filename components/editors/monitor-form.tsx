"use client";
import { useState } from "react";
import { EntityForm } from "@/components/forms/entity-form";
import type { LiveCheck } from "@/components/checks/use-live-findings";
import { CheckboxField, RadioGroupField, SelectField, TextField } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/errors/action-result";
import { MONITOR_TYPES } from "@/lib/model/schemas/choices";
import type { MonitorInput } from "@/lib/model/schemas/monitor";
import type { FormValues } from "@/lib/model/schemas/form-values";
import { serviceChoices, type ServiceOption } from "./service-choices";

// The schema loads after first paint (components/forms/use-lazy.ts); the server validates meanwhile.
const loadMonitorSchema = () => import("@/lib/model/schemas/monitor").then((m) => m.monitorSchema);

export type MonitorValues = FormValues<MonitorInput>;

export const NEW_MONITOR: MonitorValues = {
  name: "",
  type: "http",
  target: "",
  interval: 60,
  keyword: "",
  maxretries: 1,
  enabled: true,
  serviceId: null,
};

const TYPE_OPTIONS: Record<(typeof MONITOR_TYPES)[number], { value: string; label: string; description: string }> = {
  http: { value: "http", label: "http", description: "Up when the page answers with a 2xx status." },
  keyword: { value: "keyword", label: "keyword", description: "Up when the page answers and contains a keyword." },
};

export function MonitorForm({
  action,
  values,
  services,
  domain,
  submitLabel,
  check,
}: {
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  values: MonitorValues;
  services: ServiceOption[];
  domain: string;
  submitLabel: string;
  /** The draft to judge this form against while typing. */
  check?: LiveCheck;
}) {
  // The keyword applies to keyword monitors only; hidden (not removed) for http, so it keeps its value.
  const [type, setType] = useState<string>(values.type);
  return (
    <EntityForm action={action} schema={loadMonitorSchema} submitLabel={submitLabel} check={check} resetKey={values.version}>
      {values.version !== undefined && <input type="hidden" name="version" value={values.version} />}
      <TextField name="name" label="Name" defaultValue={values.name} hint="Shown on the status page." />
      <RadioGroupField name="type" label="Type" defaultValue={values.type} onChange={setType} options={MONITOR_TYPES.map((t) => TYPE_OPTIONS[t])} />
      <TextField
        name="target"
        label="Target"
        defaultValue={values.target}
        hint={`Subdomain and path, e.g. cloud/status.php → https://cloud.${domain}/status.php; @/ for ${domain} itself; or a full URL (https://…).`}
      />
      <div hidden={type !== "keyword"} data-testid="keyword-field">
        <TextField name="keyword" label="Keyword" defaultValue={values.keyword} hint="The text the page must contain, e.g. &quot;installed&quot;:true." />
      </div>
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="interval" label="Interval (seconds)" inputMode="numeric" defaultValue={values.interval} hint="How often to check; at least 20." />
        <TextField name="maxretries" label="Max retries" inputMode="numeric" defaultValue={values.maxretries} hint="Failed checks before it reports down: 0–10." />
      </div>
      <SelectField name="serviceId" label="Service" defaultValue={values.serviceId} options={serviceChoices(services)} />
      <CheckboxField name="enabled" label="Enabled" defaultChecked={values.enabled} hint="A disabled monitor stays in the draft but is not synced to Uptime Kuma." />
    </EntityForm>
  );
}
