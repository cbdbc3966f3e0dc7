// One-tap fixes for a field the schema refused: the obvious normalisations (spaces at the
// ends, a trailing slash, uppercase in a host, spaces in a slug) tried on the value, kept only
// when the same schema then accepts the field. Pure: the form runs it in the browser.
import type { ZodType } from "zod";

type Transform = (value: string) => string;

/** "/var/lib//jellyfin/." → "/var/lib/jellyfin"; anything not absolute is left alone. */
const normalisePath: Transform = (v) => (v.startsWith("/") ? "/" + v.split("/").filter((s) => s !== "" && s !== ".").join("/") : v);

/** The host part lowercased: "Cloud/Status.php" → "cloud/Status.php", "HTTPS://Host/x" → "https://host/x". */
const lowerHost: Transform = (v) => {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(v)?.[0] ?? "";
  const rest = v.slice(scheme.length);
  const cut = rest.indexOf("/");
  const host = cut === -1 ? rest : rest.slice(0, cut);
  return scheme.toLowerCase() + host.toLowerCase() + (cut === -1 ? "" : rest.slice(cut));
};

// Order matters: earlier (smaller) changes are preferred to later ones.
const TRANSFORMS: Transform[] = [
  (v) => v.trim(),
  normalisePath,
  lowerHost,
  (v) => v.toLowerCase(),
  (v) => v.replace(/[ \t]+/g, "-"),
  (v) => v.replace(/[ \t]+/g, ""),
];

/** Every combination of transforms, fewest first, each applied in TRANSFORMS order. */
const COMBINATIONS: Transform[][] = Array.from({ length: 2 ** TRANSFORMS.length - 1 }, (_, i) => i + 1)
  .map((mask) => TRANSFORMS.filter((_, bit) => mask & (1 << bit)))
  .filter((combo) => !(combo.includes(TRANSFORMS[4]) && combo.includes(TRANSFORMS[5])))
  .sort((a, b) => a.length - b.length);

function fieldAccepted(schema: ZodType, values: Record<string, string>, field: string): boolean {
  const parsed = schema.safeParse(values);
  return parsed.success || !parsed.error.issues.some((issue) => String(issue.path[0] ?? "") === field);
}

/**
 * The smallest normalisation of `values[field]` the schema accepts, or null when there is none
 * (or the value is not refused at all). Multi-line values (lists) are not touched.
 */
export function suggestFix(schema: ZodType, values: Record<string, string>, field: string): string | null {
  const value = values[field];
  if (typeof value !== "string" || value === "" || /[\r\n]/.test(value)) return null;
  if (fieldAccepted(schema, values, field)) return null;
  const tried = new Set<string>([value]);
  for (const combo of COMBINATIONS) {
    const candidate = combo.reduce((v, t) => t(v), value);
    if (candidate === "" || tried.has(candidate)) continue;
    tried.add(candidate);
    if (fieldAccepted(schema, { ...values, [field]: candidate }, field)) return candidate;
  }
  return null;
}

/** A fix per refused field that has one. */
export function suggestFixes(schema: ZodType, values: Record<string, string>, fields: readonly string[]): Record<string, string> {
  const fixes: Record<string, string> = {};
  for (const field of fields) {
    const fix = suggestFix(schema, values, field);
    if (fix !== null) fixes[field] = fix;
  }
  return fixes;
}
