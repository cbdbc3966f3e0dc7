"use client";
// The phone's navigation: a bar fixed to the bottom with the everyday pages (Overview, Quick,
// Changes, Deploys) and More, which opens the rest above the bar. The current page is marked
// with aria-current and colour; when it is under More, More is highlighted too. `pathname`
// comes from the caller (see nav-links.tsx).
import { NavLink } from "./nav-link";
import { useEffect, useRef, useState } from "react";
import { isCurrent, NAV_ITEMS, TAB_HREFS, type NavHref } from "./nav-items";

const TAB_LABEL: Partial<Record<NavHref, string>> = { "/quick": "Quick" };

const ICONS: Record<string, React.ReactNode> = {
  "/": <path d="M3 10.5 12 3l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z" />,
  "/quick": <path d="M7 7h10a5 5 0 0 1 0 10H7A5 5 0 0 1 7 7Zm10 2.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5Z" />,
  "/changes": <path d="M6 3h9l5 5v13H6zM14 3v6h6M9 13h8M9 17h5" />,
  "/deploys": <path d="M12 2c3 2 5 5.5 5 9.5L15 16H9l-2-4.5C7 7.5 9 4 12 2Zm0 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3ZM9 18h6l-3 4z" />,
  more: <path d="M5 10.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm7 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z" />,
};

const tabClass = (active: boolean) =>
  `flex min-h-14 w-full flex-col items-center justify-center gap-0.5 text-xs font-medium ${
    active ? "text-sky-800 dark:text-sky-300" : "text-slate-700 dark:text-slate-300"
  }`;

function Icon({ name, active }: { name: string; active: boolean }) {
  const stroked = name === "/changes";
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`h-6 w-6 ${active ? "" : "opacity-80"}`} fill={stroked ? "none" : "currentColor"} stroke={stroked ? "currentColor" : "none"} strokeWidth={stroked ? 2 : 0}>
      {ICONS[name]}
    </svg>
  );
}

/** `badges`: a count on a tab, as on the side navigation (Changes: files not committed). */
export function TabBar({ pathname, badges = {} }: { pathname: string; badges?: Partial<Record<NavHref, number>> }) {
  // Open "on this page": moving to another page closes the menu without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const more = NAV_ITEMS.filter((item) => !TAB_HREFS.includes(item.href));
  const moreActive = more.some((item) => isCurrent(item.href, pathname));

  // Escape closes the menu and gives focus back to More.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpenOn(null);
      moreButton.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <nav
      aria-label="Main"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 pb-[env(safe-area-inset-bottom)] backdrop-blur lg:hidden dark:border-slate-800 dark:bg-slate-900/95"
      data-testid="tab-bar"
    >
      {open && (
        <ul id="more-menu" className="grid grid-cols-2 gap-1 border-b border-slate-200 p-2 dark:border-slate-800" data-testid="more-menu">
          {more.map((item) => {
            const active = isCurrent(item.href, pathname);
            return (
              <li key={item.href}>
                <NavLink
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={`flex min-h-11 items-center rounded-md px-3 text-sm font-medium ${
                    active ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900" : "text-slate-800 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                  }`}
                >
                  {item.label}
                </NavLink>
              </li>
            );
          })}
        </ul>
      )}
      <ul className="grid grid-cols-5">
        {TAB_HREFS.map((href) => {
          const active = isCurrent(href, pathname);
          const label = TAB_LABEL[href] ?? NAV_ITEMS.find((i) => i.href === href)?.label ?? href;
          return (
            <li key={href}>
              <NavLink href={href} aria-current={active ? "page" : undefined} className={`relative ${tabClass(active)}`}>
                <Icon name={href} active={active} />
                <span className={active ? "font-bold" : ""}>{label}</span>
                {!!badges[href] && (
                  // After the label, so the link reads "Changes, not committed: 3"; drawn on the icon's corner.
                  <span
                    className="absolute top-1 left-1/2 ml-1.5 min-w-5 rounded-full bg-sky-700 px-1 text-center text-[0.7rem] leading-5 font-bold text-white"
                    data-testid={`tab-badge-${label.toLowerCase()}`}
                  >
                    <span className="sr-only">, not committed: </span>
                    {badges[href]}
                  </span>
                )}
              </NavLink>
            </li>
          );
        })}
        <li>
          <button
            ref={moreButton}
            type="button"
            aria-expanded={open}
            aria-controls="more-menu"
            onClick={() => setOpen(!open)}
            className={tabClass(moreActive || open)}
            data-current={moreActive ? "yes" : undefined}
          >
            <Icon name="more" active={moreActive || open} />
            <span className={moreActive ? "font-bold" : ""}>More</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}
