import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { notFound } from "next/navigation";
import { homeyDomain } from "@/lib/config/env";
import { findRowValues } from "@/lib/model/queries";
import { parseRowId } from "@/lib/model/row-id";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { PageHeader } from "@/components/ui/page-header";
import { DeleteRow } from "@/components/editors/delete-row";
import { AccessRuleForm } from "@/components/editors/access-rule-form";
import { ModuleManagedNotice } from "@/components/editors/module-managed-notice";
import { isModuleManagedAccessRule, MODULE_OPTION } from "@/lib/model/module-managed";
import { moduleManagedConfig } from "@/lib/model/module-managed-config";
import { deleteRowAction, saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "Edit access rule" };

export default async function EditAccessRulePage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdminPage();
  const id = parseRowId((await params).id);
  if (id === null) notFound();
  const values = await findRowValues(admin, "accessRule", id);
  if (!values) notFound();
  const rule = values;
  const what = `access rule ${rule.priority} (${rule.domains.join(", ")} → ${rule.policy})`;
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "accessRule" as const, entityId: id };
  const form = <AccessRuleForm action={saveRowAction.bind(null, "accessRule", id)} values={rule} domain={homeyDomain()} submitLabel="Save access rule" check={check} />;
  if (isModuleManagedAccessRule(moduleManagedConfig(), rule)) {
    // Read-only: the module defines it (the write path refuses changes too).
    return (
      <>
        <PageHeader title={`Access rule ${rule.priority}`} />
        <ModuleManagedNotice what={`The ${rule.policy} rule for ${rule.domains[0]}`} option={MODULE_OPTION} />
        <fieldset disabled aria-describedby="module-managed-note">
          {form}
        </fieldset>
      </>
    );
  }
  return (
    <>
      <PageHeader title={`Edit access rule ${rule.priority}`} />
      {form}
      <DeleteRow
        action={deleteRowAction.bind(null, "accessRule", id)}
        version={rule.version}
        what={what}
        consequences={["Requests it matched fall through to the next rule (or Authelia's default policy) after the next deploy."]}
      />
    </>
  );
}
