// The five editable areas, each described once beside its Prisma model: the zod schema that
// validates a form, how a validated input becomes row data, how a row reads back as typed
// values (the shape forms, lists and audit events share), and how a row is named. The one
// write path (lib/model/write-path.ts) and the reads (lib/model/queries.ts) serve every area
// through these definitions.
import type { z } from "zod";
import type { AccessRule, BackupPath, Monitor, Service, VirtualHost } from "@/lib/generated/prisma/client";
import { decodeStringList, decodeSubjects, encodeAccessRuleLists } from "./json-list";
import { isProtectedName } from "./protected";
import { ACCESS_POLICIES, accessRuleSchema } from "./schemas/access-rule";
import { BACKUP_MODES, backupPathSchema } from "./schemas/backup-path";
import { MONITOR_TYPES, monitorSchema } from "./schemas/monitor";
import { SERVICE_KINDS, serviceSchema } from "./schemas/service";
import { VHOST_AUTH, virtualHostSchema } from "./schemas/virtual-host";

interface Areas {
  // `protected` is read, never posted: configuration and the seed set it (lib/model/protected.ts).
  service: { row: Service; schema: typeof serviceSchema; readOnly: { protected: boolean } };
  virtualHost: { row: VirtualHost; schema: typeof virtualHostSchema; readOnly: object };
  accessRule: { row: AccessRule; schema: typeof accessRuleSchema; readOnly: object };
  monitor: { row: Monitor; schema: typeof monitorSchema; readOnly: object };
  backupPath: { row: BackupPath; schema: typeof backupPathSchema; readOnly: object };
}

export type AreaName = keyof Areas;
export type AreaRow<A extends AreaName> = Areas[A]["row"];
export type AreaInput<A extends AreaName> = z.infer<Areas[A]["schema"]>;
/** A saved row as forms and lists see it: the schema's output plus identity. */
export type AreaValues<A extends AreaName> = AreaInput<A> & Areas[A]["readOnly"] & { id: number; version: number };
/** What the write path stores for an input (service links included; bookkeeping columns excluded). */
export type AreaData<A extends AreaName> = Omit<AreaRow<A>, "id" | "version" | "createdAt" | "updatedAt" | "updatedBy">;

export interface AreaDefinition<A extends AreaName> {
  name: A;
  label: string;
  schema: Areas[A]["schema"];
  toData(input: AreaInput<A>): AreaData<A>;
  toValues(row: AreaRow<A>): AreaValues<A>;
  describe(row: AreaRow<A>): string;
  duplicateMessage: string;
}

/** A stored enum column read back; a value no schema allows means the file was edited by hand. */
function member<const T extends readonly string[]>(allowed: T, value: string, column: string): T[number] {
  if ((allowed as readonly string[]).includes(value)) return value as T[number];
  throw new Error(`The database holds ${JSON.stringify(value)} in ${column}, which is not one of ${allowed.join(", ")}.`);
}

const identity = (row: { id: number; version: number }) => ({ id: row.id, version: row.version });

export const serviceArea: AreaDefinition<"service"> = {
  name: "service",
  label: "Service",
  schema: serviceSchema,
  toData: (i) => ({ ...i, protected: isProtectedName(i.name) }),
  toValues: (r) => ({
    ...identity(r),
    name: r.name,
    title: r.title,
    description: r.description,
    kind: member(SERVICE_KINDS, r.kind, "Service.kind"),
    enabled: r.enabled,
    protected: r.protected,
    stateDir: r.stateDir,
    unitName: r.unitName,
  }),
  describe: (r) => r.name,
  duplicateMessage: "A service with this name already exists. Pick another name.",
};

export const virtualHostArea: AreaDefinition<"virtualHost"> = {
  name: "virtualHost",
  label: "Virtual host",
  schema: virtualHostSchema,
  toData: (i) => ({ ...i }),
  toValues: (r) => ({
    ...identity(r),
    subdomain: r.subdomain,
    upstreamHost: r.upstreamHost,
    upstreamPort: r.upstreamPort,
    auth: member(VHOST_AUTH, r.auth, "VirtualHost.auth"),
    enabled: r.enabled,
    serviceId: r.serviceId,
  }),
  describe: (r) => r.subdomain,
  duplicateMessage: "This subdomain already has a virtual host. Edit that one, or pick another subdomain.",
};

export const accessRuleArea: AreaDefinition<"accessRule"> = {
  name: "accessRule",
  label: "Access rule",
  schema: accessRuleSchema,
  toData: (i) => ({ priority: i.priority, policy: i.policy, note: i.note, ...encodeAccessRuleLists(i) }),
  toValues: (r) => ({
    ...identity(r),
    priority: r.priority,
    policy: member(ACCESS_POLICIES, r.policy, "AccessRule.policy"),
    note: r.note,
    domains: decodeStringList(r.domains),
    resources: decodeStringList(r.resources),
    subjects: decodeSubjects(r.subjects),
    methods: decodeStringList(r.methods),
    networks: decodeStringList(r.networks),
  }),
  describe: (r) => `#${r.priority} ${decodeStringList(r.domains).join(", ")} → ${r.policy}`,
  duplicateMessage: "An identical rule already exists.",
};

export const monitorArea: AreaDefinition<"monitor"> = {
  name: "monitor",
  label: "Monitor",
  schema: monitorSchema,
  toData: (i) => ({ ...i }),
  toValues: (r) => ({
    ...identity(r),
    name: r.name,
    type: member(MONITOR_TYPES, r.type, "Monitor.type"),
    target: r.target,
    interval: r.interval,
    keyword: r.keyword,
    maxretries: r.maxretries,
    enabled: r.enabled,
    serviceId: r.serviceId,
  }),
  describe: (r) => r.name,
  duplicateMessage: "A monitor with this name already exists. Pick another name.",
};

export const backupPathArea: AreaDefinition<"backupPath"> = {
  name: "backupPath",
  label: "Backup path",
  schema: backupPathSchema,
  toData: (i) => ({ ...i }),
  toValues: (r) => ({
    ...identity(r),
    path: r.path,
    mode: member(BACKUP_MODES, r.mode, "BackupPath.mode"),
    note: r.note,
    serviceId: r.serviceId,
  }),
  describe: (r) => `${r.mode === "exclude" ? "exclude " : ""}${r.path}`,
  duplicateMessage: "This path is already listed with the same mode.",
};

export const AREAS: { [A in AreaName]: AreaDefinition<A> } = {
  service: serviceArea,
  virtualHost: virtualHostArea,
  accessRule: accessRuleArea,
  monitor: monitorArea,
  backupPath: backupPathArea,
};

/** An area name from untrusted input (a bound action argument): own keys only. */
export function isAreaName(value: unknown): value is AreaName {
  return typeof value === "string" && Object.hasOwn(AREAS, value);
}
