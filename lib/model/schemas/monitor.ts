import { z } from "zod";
import { checkbox, controlCharProblem, DNS_LABEL, integer, noControlChars, optionalServiceId } from "./fields";
import { MONITOR_TYPES } from "./choices";

export { MONITOR_TYPES };

/** "sub/path", "@/path" for the bare domain, or an absolute http(s) URL. */
export function targetProblem(target: string): string | null {
  const control = controlCharProblem(target);
  if (control) return control;
  if (/^https?:\/\//i.test(target)) {
    try {
      new URL(target);
      return null;
    } catch {
      return "That URL does not parse. Write it like https://example.org/health.";
    }
  }
  const [sub, ...rest] = target.split("/");
  const path = rest.join("/");
  if (!(sub === "@" || DNS_LABEL.test(sub))) {
    return "Start with a subdomain (e.g. cloud/status.php, @/ for the bare domain) or give a full http(s):// URL.";
  }
  if (/[\s"\\]/.test(path)) return "The path cannot contain spaces, quotes or backslashes.";
  return null;
}

export const monitorSchema = z
  .object({
    name: z.string().trim().min(1, "Give the monitor a name.").max(100, "Keep the name under 100 characters.").superRefine(noControlChars()),
    type: z.enum(MONITOR_TYPES, { error: "Choose http or keyword." }),
    target: z
      .string()
      .trim()
      .min(1, "Give a target: subdomain/path (e.g. status/) or a full URL.")
      .superRefine((t, ctx) => {
        const problem = targetProblem(t);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    interval: integer("Interval (seconds)", 20, 86_400),
    keyword: z.string().trim().max(200, "Keep the keyword under 200 characters.").superRefine(noControlChars()).default(""),
    maxretries: integer("Max retries", 0, 10),
    enabled: checkbox,
    serviceId: optionalServiceId,
  })
  .superRefine((m, ctx) => {
    if (m.type === "keyword" && m.keyword === "") {
      ctx.addIssue({ code: "custom", path: ["keyword"], message: "A keyword monitor needs the keyword to look for on the page." });
    }
  });

export type MonitorInput = z.infer<typeof monitorSchema>;
