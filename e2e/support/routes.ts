// Every route of the app, read from app/ on disk, so a new page or API route is covered by
// the tests that walk them without anyone remembering to list it.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const APP_DIR = path.resolve(__dirname, "../../app");

export interface AppRoute {
  /** URL pattern, e.g. /services/[id] (route groups removed). */
  pattern: string;
  kind: "page" | "api";
}

export function listAppRoutes(dir = APP_DIR, segments: string[] = []): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      // (group) folders do not appear in the URL; _private folders are not routes.
      if (name.startsWith("_")) continue;
      routes.push(...listAppRoutes(full, /^\(.*\)$/.test(name) ? segments : [...segments, name]));
    } else if (name === "page.tsx" || name === "route.ts") {
      routes.push({ pattern: `/${segments.join("/")}`, kind: name === "page.tsx" ? "page" : "api" });
    }
  }
  return routes;
}

/** Fills each [param] from `values` (by the segment before it, e.g. "services" → id); throws for a param it cannot fill. */
export function fillRoute(pattern: string, values: Record<string, string>): string {
  const parts = pattern.split("/");
  return parts
    .map((part, i) => {
      if (!part.startsWith("[")) return part;
      const key = `${parts[i - 1] ?? ""}/${part}`;
      const value = values[key] ?? values[part];
      if (value === undefined) throw new Error(`No test value for ${part} in ${pattern}: add one for "${key}" to the route walk.`);
      return value;
    })
    .join("/");
}
