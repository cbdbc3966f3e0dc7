import { MessagePage } from "@/components/ui/message-page";

export default function Unauthorized() {
  return (
    <MessagePage title="Sign in through Authelia" code="401">
      <p>
        homey-admin is reached through homey&apos;s proxy: open <strong>admin.&lt;your domain&gt;</strong> and sign in with
        Authelia. Requests that do not come through the trusted proxy carry no identity.
      </p>
      <p className="mt-3 text-sm text-slate-500">If Authelia itself is down, an administrator can use the break-glass login when it is configured.</p>
    </MessagePage>
  );
}
