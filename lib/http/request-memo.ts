// Once per request. In a page render React's cache() does it; a route handler has no render,
// so there the memo lives in a scope the handler opens (withRequestScope). app/quick/route.ts
// renders the quick page that way: its headline, badge and list share one comparison of the
// draft with HEAD (one `git status`), as on an App Router page.
import { AsyncLocalStorage } from "node:async_hooks";
import { cache } from "react";

/** One level per argument; the result sits under RESULT at the last argument's level. */
type Memo = Map<unknown, unknown>;
const RESULT = Symbol("result");
const scope = new AsyncLocalStorage<Map<unknown, Memo>>();

export function withRequestScope<T>(run: () => Promise<T>): Promise<T> {
  return scope.run(new Map(), run);
}

/** fn memoized per request, by its arguments' identity (as React's cache() keys them). */
export function perRequest<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const inRender = cache(fn);
  return (...args: A): R => {
    const memos = scope.getStore();
    if (!memos) return inRender(...args);
    let node = memos.get(fn);
    if (!node) memos.set(fn, (node = new Map()));
    for (const arg of args) {
      let child = node.get(arg) as Memo | undefined;
      if (!child) node.set(arg, (child = new Map()));
      node = child;
    }
    if (!node.has(RESULT)) node.set(RESULT, fn(...args));
    return node.get(RESULT) as R;
  };
}
