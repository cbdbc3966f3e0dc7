// The one Nix serializer. Every value that reaches a generated .nix file passes through
// here: strings are escaped, attribute names quoted when needed, and the only real
// interpolation ever emitted is `${domain}` (built by nixDomainString).

import { NixError } from "./errors";

// Unexported, so no other module can mint raw Nix source that toNix would embed verbatim.
const NIX_SOURCE = Symbol("nixSource");

/** A fragment of Nix source produced by this module (e.g. a domain-relative string). */
export interface NixExpr {
  readonly [NIX_SOURCE]: string;
}

function nixExpr(source: string): NixExpr {
  return { [NIX_SOURCE]: source };
}

function isNixExpr(v: unknown): v is NixExpr {
  return typeof v === "object" && v !== null && NIX_SOURCE in v;
}

export type NixValue =
  | null
  | boolean
  | number
  | string
  | NixExpr
  | readonly NixValue[]
  // undefined attributes are left out, as JSON.stringify does, so optional fields can be absent.
  | { readonly [name: string]: NixValue | undefined };

const NIX_KEYWORDS = new Set(["assert", "else", "if", "in", "inherit", "let", "or", "rec", "then", "with"]);
// Nix's lexer: ID = [a-zA-Z_][a-zA-Z0-9_'-]*
const NIX_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

/**
 * Escapes text for the inside of a double-quoted Nix string.
 * Nix has no \u or \x escapes, so control characters other than \n \r \t are written as
 * raw bytes (the lexer accepts them). NUL cannot be represented: Nix strings are C strings.
 * `${` becomes `\${`; when an interpolation follows the text, a trailing `$` is escaped too,
 * or it would form `$${`, which Nix reads as literal text.
 */
function escapeStringBody(s: string, beforeInterpolation = false): string {
  if (s.includes("\0")) throw new NixError("NIX_VALUE_INVALID", "Nix strings cannot contain a NUL character.");
  if (!s.isWellFormed()) throw new NixError("NIX_VALUE_INVALID", "Text is not well-formed Unicode (lone surrogate).");
  const escaped = s.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c]).replaceAll("${", "\\${");
  return beforeInterpolation && escaped.endsWith("$") ? `${escaped.slice(0, -1)}\\$` : escaped;
}

const ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A Nix string literal that evaluates to exactly `s`. */
export function nixString(s: string): string {
  return `"${escapeStringBody(s)}"`;
}

/**
 * A domain-relative string: `"<prefix>${domain}<suffix>"`, e.g. ("grafana.", "") →
 * `"grafana.${domain}"`. Only the literal parts come from the caller; `${domain}` is the
 * module argument homey passes to every module, so no domain is ever written literally.
 */
export function nixDomainString(prefix: string, suffix = ""): NixExpr {
  return nixExpr(`"${escapeStringBody(prefix, true)}\${domain}${escapeStringBody(suffix)}"`);
}

/** An attribute name: bare when it is a plain identifier, otherwise a quoted string. */
export function nixAttrName(name: string): string {
  return NIX_IDENTIFIER.test(name) && !NIX_KEYWORDS.has(name) ? name : nixString(name);
}

/**
 * Pretty-prints a value nixfmt-style: one attribute / list item per line, two-space
 * indent, attributes sorted, `[ ]` / `{ }` when empty. `indent` is the indentation of the
 * line the value starts on, so continuation lines line up inside a surrounding file.
 */
export function toNix(value: NixValue, indent = ""): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return nixInteger(value);
  if (typeof value === "string") return nixString(value);
  if (isNixExpr(value)) return value[NIX_SOURCE];
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    const items = value as readonly NixValue[];
    if (items.length === 0) return "[ ]";
    // Short scalar singletons stay inline (`[ "a.${domain}" ]`), as nixfmt does.
    if (items.length === 1 && isScalar(items[0])) return `[ ${toNix(items[0], inner)} ]`;
    return `[\n${items.map((item) => `${inner}${toNix(item, inner)}\n`).join("")}${indent}]`;
  }
  const record = value as { readonly [name: string]: NixValue | undefined };
  const names = Object.keys(record)
    .filter((name) => record[name] !== undefined)
    .sort(compareCodePoints);
  if (names.length === 0) return "{ }";
  const lines = names.map((name) => `${inner}${nixAttrName(name)} = ${toNix(record[name]!, inner)};\n`);
  return `{\n${lines.join("")}${indent}}`;
}

function nixInteger(n: number): string {
  if (!Number.isSafeInteger(n)) throw new NixError("NIX_VALUE_INVALID", `Not a safe integer for Nix: ${n}`);
  // Nix has no negative literals: `-5` is negation, which a list item must parenthesise.
  return n < 0 ? `(${n})` : String(n);
}

function isScalar(v: NixValue): boolean {
  return v === null || typeof v !== "object" || isNixExpr(v);
}

/**
 * Orders strings by Unicode code point, which equals UTF-8 byte order: the order Nix
 * itself uses for attribute names, so output matches what `nix eval` shows. (JS's default
 * sort compares UTF-16 units, which puts astral characters before U+E000..U+FFFF.)
 */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}
