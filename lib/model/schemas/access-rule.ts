import { z } from "zod";
import { controlCharProblem, integer, lineList, note } from "./fields";

export const ACCESS_POLICIES = ["bypass", "one_factor", "two_factor", "deny"] as const;
export type AccessPolicyName = (typeof ACCESS_POLICIES)[number];

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "CONNECT", "OPTIONS", "TRACE"] as const;

const ruleDomain = z
  .string()
  .toLowerCase()
  .refine((d) => d === "@" || d === "*" || /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(d), {
    message: "Each domain is a subdomain of the homey domain (e.g. grafana), @ for the bare domain, or * for every subdomain.",
  });

/** Authelia compiles resources with Go's RE2: no lookaround, no backreferences. */
export function regexProblem(source: string): string | null {
  const control = controlCharProblem(source);
  if (control) return `"${JSON.stringify(source).slice(1, -1)}": ${control}`;
  if (/\(\?<?[=!]/.test(source)) return `"${source}": lookahead/lookbehind is not supported by Authelia (Go RE2).`;
  if (/\\[1-9]/.test(source)) return `"${source}": backreferences are not supported by Authelia (Go RE2).`;
  try {
    new RegExp(source);
    return null;
  } catch (e) {
    return `"${source}" is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, "")}`;
  }
}

const resource = z.string().superRefine((s, ctx) => {
  const problem = regexProblem(s);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

// No whitespace, comma, colon or control character (\s does not cover NUL and friends).
const SUBJECT_ITEM = /^(user|group):[^\s,:\u0000-\u001f\u007f]+$/;

/** One line per alternative (OR); within a line, comma-separated subjects that must all match (AND). */
const subjects = z.preprocess(
  (v) => {
    if (Array.isArray(v)) return v;
    if (typeof v !== "string") return [];
    return v
      .split(/\r?\n/)
      .map((line) => line.split(",").map((s) => s.trim()).filter(Boolean))
      .filter((group) => group.length > 0);
  },
  z.array(
    z.array(
      z.string().regex(SUBJECT_ITEM, "Write subjects as user:NAME or group:NAME, comma-separated on one line when all must match."),
    ),
  ),
);

const network = z
  .string()
  .refine((n) => /^[0-9.]+(\/\d{1,2})?$/.test(n) || /^[0-9a-fA-F:]+(\/\d{1,3})?$/.test(n) || /^[a-z][a-z0-9_-]*$/.test(n), {
    message: "Each network is an IP address, a CIDR range (e.g. 192.168.1.0/24) or the name of an Authelia network definition.",
  });

const method = z
  .string()
  .toUpperCase()
  .refine((m) => (HTTP_METHODS as readonly string[]).includes(m), { message: `Methods are ${HTTP_METHODS.join(", ")}.` });

export const accessRuleSchema = z
  .object({
    priority: integer("Priority", 0, 99),
    domains: lineList(ruleDomain).refine((d) => d.length > 0, { message: "Add at least one domain." }),
    resources: lineList(resource),
    subjects,
    policy: z.enum(ACCESS_POLICIES, { error: "Choose bypass, one_factor, two_factor or deny." }),
    methods: lineList(method),
    networks: lineList(network),
    note,
  })
  .superRefine((rule, ctx) => {
    if (rule.policy === "bypass" && rule.subjects.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["subjects"],
        message: "Authelia rejects a bypass rule with subjects (bypass applies before anyone signs in). Remove the subjects or choose one_factor.",
      });
    }
  });

export type AccessRuleInput = z.infer<typeof accessRuleSchema>;

/** homey's convention for priorities; a mismatch is a warning, not an error. */
export function priorityRangeWarning(priority: number, policy: AccessPolicyName): string | null {
  const expect = (range: string, allowed: AccessPolicyName[]) =>
    allowed.includes(policy) ? null : `Priority ${priority} is in homey's ${range} range, which expects ${allowed.join(" or ")}, not ${policy}.`;
  if (priority === 0) return expect("0 (bypass)", ["bypass"]);
  if (priority >= 10 && priority <= 19) return expect("10–19 (blanket bypass)", ["bypass"]);
  if (priority >= 20 && priority <= 49) return expect("20–49 (admin two_factor + deny pairs)", ["two_factor", "deny"]);
  if (priority >= 50 && priority <= 64) return expect("50–64 (one_factor open)", ["one_factor"]);
  if (priority >= 65 && priority <= 79) return null;
  return `Priority ${priority} is outside homey's ranges (0, 10–19, 20–49, 50–64, 65–79).`;
}
