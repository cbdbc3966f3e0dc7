// A navigation link: next/link for App Router pages, a plain anchor for a page that is its own
// document (DOCUMENT_HREFS in nav-items.ts).
import Link from "next/link";
import type { ComponentProps } from "react";
import { DOCUMENT_HREFS } from "./nav-items";

export function NavLink({ href, ...rest }: ComponentProps<"a"> & { href: string }) {
  return DOCUMENT_HREFS.has(href) ? <a href={href} {...rest} /> : <Link href={href} {...rest} />;
}
