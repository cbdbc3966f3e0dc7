// The id in an editor URL (/services/12). Pure. Only a plain positive decimal that fits
// Prisma's Int (32-bit) names a row: "abc", "1.5", "-1", "1e3", "0x10", "012" name none, and the
// page answers 404 for them exactly as for an id that is not in the draft.
const MAX_INT = 2_147_483_647;

export function parseRowId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_INT ? id : null;
}
