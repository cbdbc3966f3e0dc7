// Reads a generated/ folder back into a DraftSnapshot: evaluate it with a sentinel domain,
// find each placeholder's value at the option path its template names, and undo the
// renderer's mapping (domain-relative strings → subdomain labels, URLs → "sub/path").
import "server-only";
import { z } from "zod";
import type { AccessRuleSnapshot, DraftSnapshot, MonitorSnapshot } from "@/lib/model/snapshot";
import { evalGenerated } from "./check";
import { NixError } from "./errors";
import {
  type GeneratedAccessRule,
  type GeneratedMonitor,
  type GeneratedValues,
  generatedAccessRuleSchema,
  generatedMonitorSchema,
  generatedServiceSchema,
  generatedVirtualHostSchema,
} from "./generated-shape";
import { canonicalSnapshot } from "./render";
import { loadTemplates, placeholderOptionPaths } from "./template";

/** Stands in for `domain` while importing; `.invalid` can never be a real domain. */
export const IMPORT_SENTINEL_DOMAIN = "homey-admin-import.invalid";

export async function importGenerated(
  dir: string,
  templates: Readonly<Record<string, string>> = loadTemplates(),
): Promise<DraftSnapshot> {
  const config = await evalGenerated(dir, IMPORT_SENTINEL_DOMAIN);
  return snapshotFromConfig(config, IMPORT_SENTINEL_DOMAIN, templates);
}

/** Maps an evaluated configuration (eval-modules.nix output) back to a snapshot. */
export function snapshotFromConfig(
  config: unknown,
  domain: string,
  templates: Readonly<Record<string, string>> = loadTemplates(),
): DraftSnapshot {
  const values = generatedValuesFromConfig(config, templates);
  return canonicalSnapshot({
    services: Object.entries(values.services).map(([name, s]) => ({ name, enabled: s.enable })),
    virtualHosts: Object.entries(values.virtualHosts).map(([subdomain, v]) => ({
      subdomain,
      upstreamHost: v.host,
      upstreamPort: v.port,
      auth: v.auth ? "authelia" : "none",
    })),
    accessRules: values.accessControlRules.map((rule) => accessRuleFromGenerated(rule, domain)),
    monitors: values.monitors.map((monitor) => monitorFromGenerated(monitor, domain)),
    backup: { extraPaths: values.extraPaths, exclude: values.exclude },
  });
}

/** Subdomain label of a domain-relative host (inverse of render's domainHost). */
export function subdomainOf(host: string, domain: string): string {
  if (host === domain) return "@";
  if (host.endsWith(`.${domain}`)) return host.slice(0, -domain.length - 1);
  throw new NixError("IMPORT_INVALID", `${JSON.stringify(host)} is not under the domain.`);
}

/** Monitor target of a URL (inverse of render's monitorUrl). */
export function monitorTargetOf(url: string, domain: string): string {
  const scheme = "https://";
  if (url.startsWith(scheme)) {
    const rest = url.slice(scheme.length);
    const slash = rest.indexOf("/");
    const host = slash === -1 ? rest : rest.slice(0, slash);
    const path = slash === -1 ? "" : rest.slice(slash);
    if (host === domain || host.endsWith(`.${domain}`)) return subdomainOf(host, domain) + path;
  }
  return url; // an absolute URL, kept as typed
}

function accessRuleFromGenerated(rule: GeneratedAccessRule, domain: string): AccessRuleSnapshot {
  return {
    priority: rule.priority,
    domains: rule.domain.map((host) => subdomainOf(host, domain)),
    resources: rule.resources ?? [],
    subjects: rule.subject ?? [],
    policy: rule.policy,
    methods: rule.methods ?? [],
    networks: rule.networks ?? [],
  };
}

function monitorFromGenerated(monitor: GeneratedMonitor, domain: string): MonitorSnapshot {
  return {
    name: monitor.name,
    type: monitor.type,
    target: monitorTargetOf(monitor.url, domain),
    interval: monitor.interval,
    keyword: monitor.keyword ?? "",
    maxretries: monitor.maxretries,
  };
}

function generatedValuesFromConfig(config: unknown, templates: Readonly<Record<string, string>>): GeneratedValues {
  const paths = placeholderOptionPaths(templates);
  // A placeholder whose option is absent (an older generated/ folder) reads as empty.
  const at = (placeholder: keyof GeneratedValues): unknown => {
    const optionPath = paths.get(placeholder);
    if (!optionPath) throw new NixError("IMPORT_INVALID", `No template binds @${placeholder}@ to an option.`);
    let value: unknown = config;
    for (const name of optionPath) {
      if (!isRecord(value) || !Object.hasOwn(value, name)) return undefined;
      value = value[name];
    }
    return value;
  };
  return {
    services: recordOf(at("services") ?? {}, generatedServiceSchema, "services"),
    virtualHosts: recordOf(at("virtualHosts") ?? {}, generatedVirtualHostSchema, "virtualHosts"),
    accessControlRules: parse(z.array(generatedAccessRuleSchema), at("accessControlRules") ?? [], "accessControlRules"),
    monitors: parse(z.array(generatedMonitorSchema), at("monitors") ?? [], "monitors"),
    extraPaths: parse(z.array(z.string()), at("extraPaths") ?? [], "extraPaths"),
    exclude: parse(z.array(z.string()), at("exclude") ?? [], "exclude"),
  };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new NixError("IMPORT_INVALID", `Unexpected ${what} in generated/: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Validates each entry, keeping keys as own properties (z.record would assign "__proto__"). */
function recordOf<T>(value: unknown, schema: z.ZodType<T>, what: string): Record<string, T> {
  if (!isRecord(value)) throw new NixError("IMPORT_INVALID", `Unexpected ${what} in generated/: not an attribute set.`);
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, parse(schema, item, `${what}.${name}`)]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
