// The draft with everything the "New service" form would create in it, for the checker
// while the admin types: the service (id 0), its vhost, rules (ids 0 and -1), monitor and
// backup path, linked to the new service. Each section is read through its own schema;
// a field that does not parse yet is judged by its default and its findings are dropped.
import type { ZodType } from "zod";
import { checkDraft, findingsFor, NEW_ENTITY_ID, withEntity, type CheckDraft, type Finding, type Viewer } from "@/lib/checks";
import type { AreaName } from "@/lib/model/areas";
import { backupPathSchema } from "@/lib/model/schemas/backup-path";
import { monitorSchema } from "@/lib/model/schemas/monitor";
import { rulesFor, RULE_ACCESS, sectionField, type NewServiceSection, type RuleAccess } from "@/lib/model/schemas/new-service-rules";
import { serviceSchema } from "@/lib/model/schemas/service";
import { virtualHostSchema } from "@/lib/model/schemas/virtual-host";
import { readValues } from "@/components/checks/read-form";

const PREFIX: Record<AreaName, string> = { service: "", virtualHost: "vhost.", accessRule: "rules.", monitor: "monitor.", backupPath: "backup." };

export interface NewServiceFindings {
  byField: Record<string, Finding[]>;
  other: Finding[];
}

function sectionValues(values: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

const on = (values: Record<string, string>, s: NewServiceSection) => values[sectionField(s)] === "on";

interface Placed {
  area: AreaName;
  id: number;
  invalid: Set<string>;
}

function place(draft: CheckDraft, area: AreaName, id: number, schema: ZodType, data: Record<string, unknown>, placed: Placed[]): CheckDraft {
  const { values, invalid } = readValues(schema, data);
  placed.push({ area, id, invalid });
  return withEntity(draft, area, id, values);
}

/** Rule findings about its lists show at "who may reach it"; its priority at the priority. */
const fieldName = (area: AreaName, field: string) => (area === "accessRule" ? (field === "priority" ? "rules.priority" : "rules.access") : `${PREFIX[area]}${field}`);

export function newServiceFindings(base: CheckDraft, viewer: Viewer, values: Record<string, string>, hasField: (name: string) => boolean): NewServiceFindings {
  const placed: Placed[] = [];
  const id = NEW_ENTITY_ID;
  let draft = place(base, "service", id, serviceSchema, values, placed);
  const link = { enabled: "on", serviceId: String(id) };
  if (on(values, "vhost")) draft = place(draft, "virtualHost", id, virtualHostSchema, { ...sectionValues(values, "vhost."), ...link }, placed);
  const subdomain = values["vhost.subdomain"]?.trim().toLowerCase() ?? "";
  const access = values["rules.access"];
  const priority = Number(values["rules.priority"]);
  if (on(values, "rules") && on(values, "vhost") && subdomain && (RULE_ACCESS as readonly string[]).includes(access) && Number.isInteger(priority)) {
    rulesFor(access as RuleAccess, priority, subdomain, base.adminGroup, values.title ?? "").forEach((rule, i) => {
      draft = withEntity(draft, "accessRule", id - i, rule);
      placed.push({ area: "accessRule", id: id - i, invalid: new Set() });
    });
  }
  if (on(values, "monitor")) draft = place(draft, "monitor", id, monitorSchema, { keyword: "", ...sectionValues(values, "monitor."), ...link }, placed);
  if (on(values, "backup")) draft = place(draft, "backupPath", id, backupPathSchema, { mode: "include", note: "", ...sectionValues(values, "backup."), ...link }, placed);

  const all = checkDraft(draft, viewer);
  const out: NewServiceFindings = { byField: {}, other: [] };
  const seen = new Set<string>();
  for (const { area, id: entityId, invalid } of placed) {
    for (const f of findingsFor(all, area, entityId)) {
      if (f.field && invalid.has(f.field)) continue;
      // The pair's two rules often say the same thing: once is enough.
      const key = `${f.code}|${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = f.field ? fieldName(area, f.field) : null;
      if (name && hasField(name)) (out.byField[name] ??= []).push(f);
      else out.other.push(f);
    }
  }
  return out;
}
