import type { Metadata } from "next";
import { homeyDomain } from "@/lib/config/env";
import { PageHeader } from "@/components/ui/page-header";
import { AccessRuleForm, NEW_ACCESS_RULE } from "@/components/editors/access-rule-form";
import { saveRowAction } from "../../_editors/actions";

export const metadata: Metadata = { title: "New access rule" };

export default function NewAccessRulePage() {
  return (
    <>
      <PageHeader title="New access rule" description="The first matching rule wins: give a more specific rule a lower priority than a broader one." />
      <AccessRuleForm
        action={saveRowAction.bind(null, "accessRule", null)}
        values={NEW_ACCESS_RULE}
        domain={homeyDomain()}
        submitLabel="Create access rule"
      />
    </>
  );
}
