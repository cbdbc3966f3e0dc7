import { adminGroup } from "@/lib/config/env";
import { MessagePage } from "@/components/ui/message-page";

export default function Forbidden() {
  return (
    <MessagePage title="Admins only" code="403">
      <p>
        You are signed in, but homey-admin is only for members of the <strong>{adminGroup()}</strong> group. Ask an
        administrator to add you to it in LDAP.
      </p>
    </MessagePage>
  );
}
