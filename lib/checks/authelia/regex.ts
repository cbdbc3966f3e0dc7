// Authelia compiles resources with Go's regexp (RE2 syntax) and matches them with MatchString
// (unanchored). re2js is a port of RE2 with Go's syntax, so a pattern is accepted, refused and
// matched here exactly as Authelia does; JS RegExp would refuse (?i) and (?P<name>…).
import { RE2JS } from "re2js";

export interface CompiledPattern {
  source: string;
  /** Unanchored search, like Go's MatchString. */
  test(input: string): boolean;
  /** The named groups Authelia treats as identity placeholders ((?P<User>…), (?P<Group>…)), or null. */
  userGroup: string | null;
  groupGroup: string | null;
  /** Capture values of a match (for User/Group), or null when there is no match. */
  exec(input: string): Record<string, string | undefined> | null;
}

export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; reason: string };

// Compiling costs far more than matching; the checker runs on every keystroke, so patterns are
// compiled once. Bounded so a long editing session cannot grow it without limit.
const cache = new Map<string, PatternResult>();
const CACHE_LIMIT = 5_000;

/** Go's error text minus its "error parsing regexp: " prefix, with a word on what to do. */
function explain(source: string, message: string): string {
  const core = message.replace(/^error parsing regexp: /, "");
  if (/\(\?[=!]|\(\?<[=!]/.test(source) || /\(\?<=|\(\?<!/.test(core)) {
    return `lookahead/lookbehind (?= (?! (?<= (?<! is not supported by Go's RE2, which Authelia uses: ${core}. Match the path positively instead, or split it into two rules.`;
  }
  if (/invalid escape sequence: `\\[1-9]`/.test(core)) {
    return `backreferences (\\1 …) are not supported by Go's RE2, which Authelia uses: ${core}.`;
  }
  return `not a valid Go (RE2) regular expression: ${core}.`;
}

export function compilePattern(source: string): PatternResult {
  const hit = cache.get(source);
  if (hit) return hit;
  let result: PatternResult;
  try {
    const re = RE2JS.compile(source);
    const names = re.namedGroups();
    const userGroup = "User" in names ? "User" : null;
    const groupGroup = "Group" in names ? "Group" : null;
    result = {
      ok: true,
      pattern: {
        source,
        test: (input) => re.test(input),
        userGroup,
        groupGroup,
        exec: (input) => {
          const m = re.exec(input);
          if (!m) return null;
          const groups: Record<string, string | undefined> = {};
          for (const [name, index] of Object.entries(names)) groups[name] = m[index] === undefined ? undefined : String(m[index]);
          return groups;
        },
      },
    };
  } catch (e) {
    result = { ok: false, reason: explain(source, e instanceof Error ? e.message : String(e)) };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, result);
  return result;
}

/** Why Authelia would refuse this resource pattern, or null when it compiles. For zod refinements. */
export function resourceProblem(source: string): string | null {
  const result = compilePattern(source);
  return result.ok ? null : `"${source}": ${result.reason}`;
}
