import { RowNotFound } from "@/components/editors/row-not-found";

export default function VirtualHostNotFound() {
  return <RowNotFound what="Virtual host" listHref="/vhosts" listLabel="virtual hosts" />;
}
