import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/session";
import { homeyDomain } from "@/lib/config/env";
import { loadCheckDraft, viewerOf } from "@/lib/model/check-draft";
import { NEW_ENTITY_ID } from "@/lib/checks";
import { PageHeader } from "@/components/ui/page-header";
import { AccessRuleForm, NEW_ACCESS_RULE } from "@/components/editors/access-rule-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New access rule" };

export default async function NewAccessRulePage() {
  const admin = await requireAdminPage();
  // The checker runs in the browser on this draft with the form's values in it.
  const check = { draft: await loadCheckDraft(admin), viewer: viewerOf(admin), area: "accessRule" as const, entityId: NEW_ENTITY_ID };
  return (
    <>
      <PageHeader title="New access rule" description="The first matching rule wins: give a more specific rule a lower priority than a broader one." />
      <AccessRuleForm
        action={saveRowAction.bind(null, "accessRule", null)}
        values={NEW_ACCESS_RULE}
        domain={homeyDomain()}
        submitLabel="Create access rule"
        check={check}
      />
    </>
  );
}
