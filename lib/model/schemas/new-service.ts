// "New service" in one form: the service and what homey's conventions attach to it (its
// vhost, the Authelia rules for it, a monitor, a backup path for its state), each section
// validated by that area's own schema. Pure, so the form judges it in the browser with the
// same code the server action runs. Field names carry their section ("vhost.subdomain"),
// so an error lands at the field of the section it belongs to.
import { z } from "zod";
import {
  isOn,
  priorityProblem,
  rulesFor,
  section,
  RULE_ACCESS,
  type FieldErrors,
  type NewServicePlan,
  type PlanResult,
  type Raw,
} from "./new-service-rules";
import { accessRuleSchema, priorityRangeWarning, type AccessRuleInput } from "./access-rule";
import { backupPathSchema } from "./backup-path";
import { monitorSchema } from "./monitor";
import { serviceSchema } from "./service";
import { virtualHostSchema } from "./virtual-host";

function collect<T>(schema: z.ZodType<T>, data: unknown, prefix: string, errors: FieldErrors, rename: (key: string) => string = (k) => k): T | null {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const key = rename(String(issue.path[0] ?? "form"));
    (errors[prefix ? `${prefix}.${key}` : key] ??= []).push(issue.message);
  }
  return null;
}

const accessField = z.enum(RULE_ACCESS, { error: "Choose who may reach it: admins with two factors, or anyone signed in." });

export interface PlanContext {
  /** The group admin rules name (homey: admins). */
  adminGroup: string;
  /** Priorities other rules already use. */
  usedPriorities: Iterable<number>;
}

/**
 * Every section through its own schema; errors keyed by the form's field names. Skipped
 * sections are not read at all. Rules need a vhost: they are written for its subdomain.
 */
export function planNewService(raw: Raw, context: PlanContext): PlanResult {
  const errors: FieldErrors = {};
  const service = collect(serviceSchema, raw, "", errors);
  let virtualHost: NewServicePlan["virtualHost"] = null;
  if (isOn(raw, "vhost")) {
    const parsed = collect(virtualHostSchema, { ...section(raw, "vhost"), enabled: "on", serviceId: "" }, "vhost", errors);
    if (parsed) virtualHost = { subdomain: parsed.subdomain, upstreamHost: parsed.upstreamHost, upstreamPort: parsed.upstreamPort, auth: parsed.auth, enabled: parsed.enabled };
  }
  let accessRules: AccessRuleInput[] = [];
  if (isOn(raw, "rules")) {
    const fields = section(raw, "rules");
    const access = collect(accessField, fields.access, "", {}) ?? null;
    if (access === null) (errors["rules.access"] ??= []).push("Choose who may reach it: admins with two factors, or anyone signed in.");
    if (!isOn(raw, "vhost")) (errors["rules.access"] ??= []).push("Access rules are written for the service's subdomain: add the virtual host too, or skip the rules.");
    const priority = collect(accessRuleSchema.shape.priority, fields.priority, "", {});
    if (priority === null) (errors["rules.priority"] ??= []).push("Priority must be a whole number between 0 and 99.");
    else if (access) {
      const problem = priorityProblem(priority, access, context.usedPriorities);
      if (problem) (errors["rules.priority"] ??= []).push(problem);
    }
    if (access && priority !== null && virtualHost && service && !errors["rules.priority"]) {
      const candidate = rulesFor(access, priority, virtualHost.subdomain, context.adminGroup, service.title);
      // The rules' own schema, as the access-rule editor would judge them.
      for (const rule of candidate) {
        const checked = collect(accessRuleSchema, rule, "rules", errors, (k) => (k === "priority" ? "priority" : "access"));
        if (checked) {
          const warning = priorityRangeWarning(checked.priority, checked.policy);
          if (warning) (errors["rules.priority"] ??= []).push(warning);
          accessRules.push(checked);
        }
      }
    }
    if (errors["rules.access"] || errors["rules.priority"]) accessRules = [];
  }
  let monitor: NewServicePlan["monitor"] = null;
  if (isOn(raw, "monitor")) {
    const parsed = collect(monitorSchema, { keyword: "", ...section(raw, "monitor"), enabled: "on", serviceId: "" }, "monitor", errors);
    if (parsed) monitor = { name: parsed.name, type: parsed.type, target: parsed.target, interval: parsed.interval, keyword: parsed.type === "keyword" ? parsed.keyword : "", maxretries: parsed.maxretries, enabled: parsed.enabled };
  }
  let backupPath: NewServicePlan["backupPath"] = null;
  if (isOn(raw, "backup")) {
    const parsed = collect(backupPathSchema, { mode: "include", note: "", ...section(raw, "backup"), serviceId: "" }, "backup", errors);
    if (parsed) backupPath = { path: parsed.path, mode: parsed.mode, note: parsed.note };
  }
  if (Object.keys(errors).length > 0 || !service) return { ok: false, fieldErrors: errors };
  return { ok: true, plan: { service, virtualHost, accessRules, monitor, backupPath } };
}

export * from "./new-service-rules";
