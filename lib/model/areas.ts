// The five editable areas, described once: how a validated input becomes a row, how a row
// is shown in forms and audit events, and what a duplicate means. lib/model/mutations.ts
// does the writing for all of them the same way.
import type { z } from "zod";
import { accessRuleSchema } from "./schemas/access-rule";
import { backupPathSchema } from "./schemas/backup-path";
import { monitorSchema } from "./schemas/monitor";
import { serviceSchema } from "./schemas/service";
import { virtualHostSchema } from "./schemas/virtual-host";
import { decodeStringList, decodeSubjects, encodeAccessRuleLists } from "./json-list";

export type AreaName = "service" | "virtualHost" | "accessRule" | "monitor" | "backupPath";

type Row = Record<string, unknown> & { id: number; version: number };

export interface AreaDefinition<S extends z.ZodType = z.ZodType> {
  name: AreaName;
  label: string;
  schema: S;
  /** Validated input → Prisma data. */
  toData(input: z.infer<S>): Record<string, unknown>;
  /** Row → the plain values a form shows and an audit event keeps. */
  toValues(row: Row): Record<string, unknown>;
  /** Title of a row in lists and messages. */
  describe(row: Row): string;
  duplicateMessage: string;
}

const common = (row: Row) => ({ id: row.id, version: row.version });

export const serviceArea: AreaDefinition<typeof serviceSchema> = {
  name: "service",
  label: "Service",
  schema: serviceSchema,
  toData: (i) => ({ ...i }),
  toValues: (r) => ({
    ...common(r),
    name: r.name,
    title: r.title,
    description: r.description,
    kind: r.kind,
    enabled: r.enabled,
    protected: r.protected,
    stateDir: r.stateDir,
  }),
  describe: (r) => String(r.name),
  duplicateMessage: "A service with this name already exists. Pick another name.",
};

export const virtualHostArea: AreaDefinition<typeof virtualHostSchema> = {
  name: "virtualHost",
  label: "Virtual host",
  schema: virtualHostSchema,
  toData: (i) => ({ ...i }),
  toValues: (r) => ({
    ...common(r),
    subdomain: r.subdomain,
    upstreamHost: r.upstreamHost,
    upstreamPort: r.upstreamPort,
    auth: r.auth,
    enabled: r.enabled,
    serviceId: r.serviceId ?? null,
  }),
  describe: (r) => String(r.subdomain),
  duplicateMessage: "This subdomain already has a virtual host. Edit that one, or pick another subdomain.",
};

export const accessRuleArea: AreaDefinition<typeof accessRuleSchema> = {
  name: "accessRule",
  label: "Access rule",
  schema: accessRuleSchema,
  toData: (i) => ({
    priority: i.priority,
    policy: i.policy,
    note: i.note,
    ...encodeAccessRuleLists(i),
  }),
  toValues: (r) => ({
    ...common(r),
    priority: r.priority,
    policy: r.policy,
    note: r.note,
    domains: decodeStringList(String(r.domains)),
    resources: decodeStringList(String(r.resources)),
    subjects: decodeSubjects(String(r.subjects)),
    methods: decodeStringList(String(r.methods)),
    networks: decodeStringList(String(r.networks)),
  }),
  describe: (r) => `#${r.priority} ${decodeStringList(String(r.domains)).join(", ")} → ${r.policy}`,
  duplicateMessage: "An identical rule already exists.",
};

export const monitorArea: AreaDefinition<typeof monitorSchema> = {
  name: "monitor",
  label: "Monitor",
  schema: monitorSchema,
  toData: (i) => ({ ...i }),
  toValues: (r) => ({
    ...common(r),
    name: r.name,
    type: r.type,
    target: r.target,
    interval: r.interval,
    keyword: r.keyword,
    maxretries: r.maxretries,
    enabled: r.enabled,
    serviceId: r.serviceId ?? null,
  }),
  describe: (r) => String(r.name),
  duplicateMessage: "A monitor with this name already exists. Pick another name.",
};

export const backupPathArea: AreaDefinition<typeof backupPathSchema> = {
  name: "backupPath",
  label: "Backup path",
  schema: backupPathSchema,
  toData: (i) => ({ ...i }),
  toValues: (r) => ({ ...common(r), path: r.path, mode: r.mode, note: r.note, serviceId: r.serviceId ?? null }),
  describe: (r) => `${r.mode === "exclude" ? "exclude " : ""}${r.path}`,
  duplicateMessage: "This path is already listed with the same mode.",
};

export const AREAS = {
  service: serviceArea,
  virtualHost: virtualHostArea,
  accessRule: accessRuleArea,
  monitor: monitorArea,
  backupPath: backupPathArea,
} as const;
