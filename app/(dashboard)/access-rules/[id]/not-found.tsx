import { RowNotFound } from "@/components/editors/row-not-found";

export default function AccessRuleNotFound() {
  return <RowNotFound what="Access rule" listHref="/access-rules" listLabel="access rules" />;
}
