// The author of an Apply commit is the admin, as Authelia names them.
import type { Identity } from "@/lib/auth/trust";

/** Characters git's ident parser would choke on or that would forge another ident. */
function clean(value: string): string {
  return value.replace(/[<>\n\r\0]/g, "").trim();
}

const EMAIL = /^[^\s<>@]+@[^\s<>@]+$/;

/** `Remote-Name <Remote-Email>`; a missing name falls back to the user, a missing e-mail to `user@<domain>`. */
export function commitAuthor(identity: Pick<Identity, "user" | "name" | "email">, domain: string): string {
  const user = clean(identity.user) || "admin";
  const name = clean(identity.name) || user;
  const email = clean(identity.email);
  return `${name} <${EMAIL.test(email) ? email : `${user.replace(/\s+/g, "")}@${domain}`}>`;
}
