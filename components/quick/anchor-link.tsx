// next/link for the quick page's browser bundle (scripts/build-quick-client.mjs aliases it
// here): Link's client-side navigation needs Next's router, which that page does without, and
// what Link renders is this anchor — so the server's markup and the browser's agree.
import type { AnchorHTMLAttributes } from "react";

export default function AnchorLink({ href, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a href={href} {...rest} />;
}
