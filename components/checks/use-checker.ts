"use client";
// The checker (lib/checks with re2js and the zod schemas, ~55 kB gzip) is not needed for a
// page's first paint: the editors' live findings and the policy simulator load it once per
// tab, right after hydration, so it stays out of every page's first-load JS.
import { useEffect, useState } from "react";

export type Checker = typeof import("@/lib/checks");

let loading: Promise<Checker> | undefined;

/** The checker module, loaded once; a failed load (network) is retried by the next caller. */
export function loadChecker(): Promise<Checker> {
  loading ??= import("@/lib/checks").catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** null until the checker has loaded (the server still checks every save and every Apply). */
export function useChecker(): Checker | null {
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    let live = true;
    loadChecker().then(
      (loaded) => live && setChecker(() => loaded),
      (error: unknown) => console.warn("homey-admin: the in-browser checker did not load; the server still checks on save.", error),
    );
    return () => {
      live = false;
    };
  }, []);
  return checker;
}
