// What depends only on a commit never changes: the files of generated/ at a SHA, the values
// Nix evaluates from them, a commit's metadata. Computed once per process and kept in a
// small LRU, keyed by SHA (plus whatever else the answer depends on). Nothing is invalidated
// by time; an entry leaves only when the LRU is full. It lives on globalThis so Next's
// dev-mode module reloads share one cache. Failures are not kept: a commit that cannot be
// read now (not fetched yet, Nix missing) may be readable on the next request.
const LIMIT = 256;

const globalForCache = globalThis as unknown as { homeyCommitCache?: Map<string, Promise<unknown>> };

function entries(): Map<string, Promise<unknown>> {
  return (globalForCache.homeyCommitCache ??= new Map());
}

/**
 * The cached answer for `key`, or `compute()` stored under it. `key` must name everything
 * the answer depends on (kind of answer, SHA(s), folder). `keep(value)` = false drops a
 * resolved answer that says "unavailable" instead of caching it.
 */
export function cachedByCommit<T>(key: string, compute: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
  const cache = entries();
  const hit = cache.get(key) as Promise<T> | undefined;
  if (hit) {
    // Most recently used goes to the end (Map keeps insertion order).
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const promise = compute();
  cache.set(key, promise);
  const forget = () => {
    if (cache.get(key) === promise) cache.delete(key);
  };
  promise.then((value) => (keep(value) ? undefined : forget()), forget);
  while (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return promise;
}

/** The key of an answer about commit `sha` (and further parts it depends on). */
export function commitKey(kind: string, sha: string, ...parts: string[]): string {
  return [kind, sha, ...parts].join("\0");
}

/** Forgets everything (benchmarks measuring a cold start). */
export function clearCommitCache(): void {
  entries().clear();
}

/** Number of cached answers (for tests). */
export function commitCacheSize(): number {
  return entries().size;
}
