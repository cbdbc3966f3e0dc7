"use client";
import { EntityForm } from "@/components/forms/entity-form";
import type { LiveCheck } from "@/components/checks/use-live-findings";
import { SelectField, TextAreaField, TextField } from "@/components/forms/fields";
import type { ActionResult } from "@/lib/errors/action-result";
import { ACCESS_POLICIES, priorityRangeWarning, type AccessPolicyName } from "@/lib/model/schemas/choices";
import type { AccessRuleInput } from "@/lib/model/schemas/access-rule";
import type { FormValues } from "@/lib/model/schemas/form-values";
import { PriorityRangeHint } from "./priority-range-hint";

// The schema loads after first paint (components/forms/use-lazy.ts); the server validates meanwhile.
const loadAccessRuleSchema = () => import("@/lib/model/schemas/access-rule").then((m) => m.accessRuleSchema);

export type AccessRuleValues = FormValues<AccessRuleInput>;

export const NEW_ACCESS_RULE: AccessRuleValues = {
  priority: "",
  domains: [],
  resources: [],
  subjects: [],
  policy: "two_factor",
  methods: [],
  networks: [],
  note: "",
};

const POLICY_LABELS: Record<AccessPolicyName, string> = {
  bypass: "bypass — no sign-in",
  one_factor: "one_factor — password",
  two_factor: "two_factor — password + TOTP",
  deny: "deny — refuse",
};

const lines = (items: string[]) => items.join("\n");

export function AccessRuleForm({
  action,
  values,
  domain,
  submitLabel,
  check,
}: {
  action: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
  values: AccessRuleValues;
  domain: string;
  submitLabel: string;
  /** The draft to judge this form against while typing. */
  check?: LiveCheck;
}) {
  const initialWarning =
    typeof values.priority === "number" ? priorityRangeWarning(values.priority, values.policy as AccessPolicyName) : null;
  return (
    <EntityForm action={action} schema={loadAccessRuleSchema} submitLabel={submitLabel} check={check} resetKey={values.version}>
      {values.version !== undefined && <input type="hidden" name="version" value={values.version} />}
      <div className="space-y-2">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField name="priority" label="Priority" inputMode="numeric" defaultValue={values.priority} hint="0–99; lower is checked first." />
          <SelectField name="policy" label="Policy" defaultValue={values.policy} options={ACCESS_POLICIES.map((p) => ({ value: p, label: POLICY_LABELS[p] }))} />
        </div>
        <PriorityRangeHint initial={initialWarning} />
      </div>
      <TextAreaField
        name="domains"
        label="Domains"
        defaultValue={lines(values.domains)}
        hint={`One per line: grafana means grafana.${domain}, @ the bare domain, * every subdomain.`}
      />
      <TextAreaField
        name="subjects"
        label="Subjects"
        defaultValue={values.subjects.map((group) => group.join(", ")).join("\n")}
        hint="One alternative per line (any line may match); on a line, comma-separated subjects must all match. E.g. group:admins or user:alice, group:ops. Leave empty for everyone (required for bypass)."
      />
      <TextAreaField
        name="resources"
        label="Resources"
        defaultValue={lines(values.resources)}
        hint="Optional. One regular expression per line, matched against the path, e.g. ^/admin([/?].*)?$. Authelia uses Go RE2: no lookahead or backreferences."
      />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextAreaField name="methods" label="Methods" defaultValue={lines(values.methods)} rows={2} hint="Optional, one per line (GET, POST, …)." />
        <TextAreaField name="networks" label="Networks" defaultValue={lines(values.networks)} rows={2} hint="Optional, one per line: IP, CIDR or a named network." />
      </div>
      <TextAreaField name="note" label="Note" defaultValue={values.note} rows={2} hint="Why this rule exists, for the next admin." />
    </EntityForm>
  );
}
