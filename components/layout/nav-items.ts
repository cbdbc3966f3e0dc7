// The dashboard's pages, once: the side nav on large screens lists them all; the phone's tab
// bar shows the everyday five and puts the rest under "More".
export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/services", label: "Services" },
  { href: "/vhosts", label: "Virtual hosts" },
  { href: "/access-rules", label: "Access rules" },
  { href: "/monitors", label: "Monitors" },
  { href: "/backups", label: "Backups" },
  { href: "/changes", label: "Changes" },
  { href: "/deploys", label: "Deploys" },
  { href: "/quick", label: "Quick toggle" },
  { href: "/audit", label: "History" },
] as const;

export type NavHref = (typeof NAV_ITEMS)[number]["href"];

/** The tab bar's own tabs, in order; everything else is under More. */
export const TAB_HREFS: readonly NavHref[] = ["/", "/quick", "/changes", "/deploys"];

export function isCurrent(href: string, pathname: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Pages that are their own document, not App Router pages (/quick: app/quick/route.ts). A
 * next/link to one would fetch it as a router payload first (and prefetch it, running its
 * reads on every page view) before loading it anyway: NavLink makes it a plain anchor.
 */
export const DOCUMENT_HREFS: ReadonlySet<string> = new Set<NavHref>(["/quick"]);
