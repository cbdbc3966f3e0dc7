import { RowNotFound } from "@/components/editors/row-not-found";

export default function ServiceNotFound() {
  return <RowNotFound what="Service" listHref="/services" listLabel="services" />;
}
