import { RowNotFound } from "@/components/editors/row-not-found";

export default function MonitorNotFound() {
  return <RowNotFound what="Monitor" listHref="/monitors" listLabel="monitors" />;
}
