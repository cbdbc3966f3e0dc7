"use client";
// What an editor needs only after its first paint (the zod schemas, ~30 kB gzip, and the
// code built on them) loads right after hydration, as the checker does
// (components/checks/use-checker.ts): the fields, their choices and the submit button work
// before it arrives, and a submit sent meanwhile is judged by the server action, which
// validates every save anyway.
import { useEffect, useState } from "react";

/** A dynamic import, e.g. `() => import("@/lib/model/schemas/monitor").then((m) => m.monitorSchema)`. */
export type Loader<T> = () => Promise<T>;

const loaded = new WeakMap<Loader<unknown>, Promise<unknown>>();

/** The loader's value, loaded once per loader; a failed load (network) is retried by the next caller. */
export function loadOnce<T>(loader: Loader<T>): Promise<T> {
  let promise = loaded.get(loader) as Promise<T> | undefined;
  if (!promise) {
    promise = loader().catch((error: unknown) => {
      loaded.delete(loader);
      throw error;
    });
    loaded.set(loader, promise);
  }
  return promise;
}

/** null until the loader's value has arrived. Pass a loader defined at module level (stable). */
export function useLazy<T>(loader: Loader<T>): T | null {
  const [value, setValue] = useState<{ of: Loader<T>; value: T } | null>(null);
  useEffect(() => {
    let live = true;
    loadOnce(loader).then(
      (v) => live && setValue({ of: loader, value: v }),
      (error: unknown) => console.warn("homey-admin: part of the form's in-browser checks did not load; the server still checks on save.", error),
    );
    return () => {
      live = false;
    };
  }, [loader]);
  return value && value.of === loader ? value.value : null;
}
