import { z } from "zod";
import { methodProblem, networkProblem, subjectProblem, AUTHELIA_METHODS } from "@/lib/checks/authelia/syntax";
import { resourceProblem } from "@/lib/checks/authelia/regex";
import { controlCharProblem, integer, lineList, note } from "./fields";
import { ACCESS_POLICIES, priorityRangeWarning, type AccessPolicyName } from "./choices";

export { ACCESS_POLICIES, priorityRangeWarning, type AccessPolicyName };

/** Every method Authelia accepts, WebDAV's included (Nextcloud needs PROPFIND and friends). */
export const HTTP_METHODS = AUTHELIA_METHODS;

const ruleDomain = z
  .string()
  .toLowerCase()
  .refine((d) => d === "@" || d === "*" || /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(d), {
    message: "Each domain is a subdomain of the homey domain (e.g. grafana), @ for the bare domain, or * for every subdomain.",
  });

/** Authelia compiles resources with Go's RE2: validated with a real RE2 (re2js), not JS RegExp. */
export function regexProblem(source: string): string | null {
  const control = controlCharProblem(source);
  if (control) return `"${JSON.stringify(source).slice(1, -1)}": ${control}`;
  return resourceProblem(source);
}

const resource = z.string().superRefine((s, ctx) => {
  const problem = regexProblem(s);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

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
      z.string().superRefine((subject, ctx) => {
        const problem = controlCharProblem(subject) ?? subjectProblem(subject);
        if (problem) ctx.addIssue({ code: "custom", message: `${problem} Write subjects as user:NAME or group:NAME, comma-separated on one line when all must match.` });
      }),
    ),
  ),
);

// homey defines no named Authelia networks: an entry is an IP address or a CIDR range (v4 or v6).
const network = z.string().superRefine((n, ctx) => {
  const problem = networkProblem(n);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const method = z
  .string()
  .toUpperCase()
  .superRefine((m, ctx) => {
    const problem = methodProblem(m);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

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
