/** What a save/delete redirect put in the list page's URL. */
export function readSavedParams(params: Record<string, string | string[] | undefined>) {
  const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  return {
    saved: all(params.saved)[0],
    deleted: params.deleted !== undefined,
    warnings: all(params.warning),
  };
}
