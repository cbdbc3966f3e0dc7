// The one date formatter of the app. Pure (no server imports), so server and client components
// render the same text and hydration never disagrees. Every instant is shown in UTC and labelled
// so: git author dates carry their own offset ("2026-11-30T23:30:00+01:00"), database times are
// UTC; both are converted to the same instant first, never re-labelled by slicing the string.

export interface WhenOptions {
  /** Show seconds ("21:40:12"): for logs and audit events, where order within a minute matters. */
  seconds?: boolean;
}

// ISO 8601 date-time, with an optional zone: Z or ±hh:mm / ±hhmm (git's %aI gives ±hh:mm).
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** The instant a value names, or null when it is not a date. A time without a zone is taken as UTC. */
export function parseInstant(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = value.trim();
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return null;
  let normal = text.replace(" ", "T");
  if (!match[1]) normal += "Z"; // never let the reader's local zone decide
  else if (/^[+-]\d{4}$/.test(match[1])) normal = normal.slice(0, -2) + ":" + normal.slice(-2);
  const date = new Date(normal);
  return Number.isNaN(date.getTime()) ? null : date;
}

const two = (n: number) => String(n).padStart(2, "0");

/** "2026-11-30 22:30 UTC" (or "… 22:30:05 UTC" with seconds); "—" for nothing; unparsable text as it is. */
export function formatWhen(value: string | Date | null | undefined, options: WhenOptions = {}): string {
  if (value === null || value === undefined || value === "") return "—";
  const date = parseInstant(value);
  if (!date) return typeof value === "string" ? value : "—";
  const day = `${date.getUTCFullYear()}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}${options.seconds ? `:${two(date.getUTCSeconds())}` : ""}`;
  return `${day} ${time} UTC`;
}

/** The machine-readable form for <time dateTime>: the same instant as an ISO string in UTC. */
export function isoInstant(value: string | Date): string | undefined {
  return parseInstant(value)?.toISOString();
}
