// The side navigation's list. `pathname` comes from the caller (components/layout/current-page.tsx
// on App Router pages, components/quick/quick-app.tsx on /quick), so this renders anywhere.
import { NavLink } from "./nav-link";
import { isCurrent, NAV_ITEMS } from "./nav-items";

export { NAV_ITEMS } from "./nav-items";

/** `badges`: a count shown beside an item (the Changes item: files not committed). */
export function NavLinks({ pathname, badges = {} }: { pathname: string; badges?: Partial<Record<(typeof NAV_ITEMS)[number]["href"], number>> }) {
  return (
    <ul className="flex flex-col gap-1">
      {NAV_ITEMS.map((item) => {
        const active = isCurrent(item.href, pathname);
        return (
          <li key={item.href} className="shrink-0">
            <NavLink
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex min-h-11 items-center rounded-md px-3 text-sm font-medium ${
                active
                  ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                  : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
              }`}
            >
              {item.label}
              {!!badges[item.href] && (
                <span className="ml-2 rounded-full bg-sky-700 px-2 text-xs font-bold text-white" data-testid={`nav-badge-${item.label.toLowerCase()}`}>
                  <span className="sr-only">, not committed: </span>
                  {badges[item.href]}
                </span>
              )}
            </NavLink>
          </li>
        );
      })}
    </ul>
  );
}
