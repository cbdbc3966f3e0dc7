// Pairs the items of two versions of a list: identical ones first, then the rest by a key
// (name, subdomain, or priority + domains for access rules, which have no name). Shared by
// the change summary and the import, so both agree on what "the same rule" is.

export interface MatchedItems<T> {
  unchanged: [T, T][];
  /** [before, after] pairs with the same key and different values. */
  changed: [T, T][];
  added: T[];
  removed: T[];
}

/** JSON with sorted keys: equal values give equal strings whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** `value` picks what "identical" compares (default: the whole item). */
export function matchItems<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  value: (item: T) => unknown = (item) => item,
): MatchedItems<T> {
  const result: MatchedItems<T> = { unchanged: [], changed: [], added: [], removed: [] };
  const leftBefore = [...before];
  const leftAfter: T[] = [];
  for (const item of after) {
    const same = leftBefore.findIndex((b) => stableJson(value(b)) === stableJson(value(item)));
    if (same === -1) leftAfter.push(item);
    else result.unchanged.push([leftBefore.splice(same, 1)[0], item]);
  }
  for (const item of leftAfter) {
    const sameKey = leftBefore.findIndex((b) => key(b) === key(item));
    if (sameKey === -1) result.added.push(item);
    else result.changed.push([leftBefore.splice(sameKey, 1)[0], item]);
  }
  result.removed.push(...leftBefore);
  return result;
}
