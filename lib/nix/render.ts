// Pure rendering: (snapshot) => the files of the homey repo's generated/ folder.
// Same snapshot → byte-identical files: attributes are sorted by the serializer, lists that
// are sets (rules, monitors) are sorted here, and nothing depends on time or environment.
import "server-only";
import type {
  AccessRuleSnapshot,
  DraftSnapshot,
  MonitorSnapshot,
  ServiceSnapshot,
  VirtualHostSnapshot,
} from "@/lib/model/snapshot";
import { NixError } from "./errors";
import type { GeneratedAccessRule, GeneratedMonitor, GeneratedValues, Rendered } from "./generated-shape";
import { compareCodePoints, nixDomainString, type NixExpr, toNix } from "./serializer";
import { fillTemplates, loadTemplates } from "./template";

/** Subdomain label → domain-relative host: "@" → `"${domain}"`, "x" → `"x.${domain}"`. */
export function domainHost(subdomain: string): NixExpr {
  return subdomain === "@" ? nixDomainString("") : nixDomainString(`${subdomain}.`);
}

const ABSOLUTE_URL = /^https?:\/\//i;

/**
 * Monitor target → URL. "sub/path" → `"https://sub.${domain}/path"` ("@/path" is the
 * apex); an absolute http(s) URL is kept as typed.
 */
export function monitorUrl(target: string): string | NixExpr {
  if (ABSOLUTE_URL.test(target)) return target;
  const slash = target.indexOf("/");
  const sub = slash === -1 ? target : target.slice(0, slash);
  const path = slash === -1 ? "" : target.slice(slash);
  return nixDomainString(sub === "@" ? "https://" : `https://${sub}.`, path);
}

export function renderGeneratedFiles(
  snapshot: DraftSnapshot,
  templates: Readonly<Record<string, string>> = loadTemplates(),
): Record<string, string> {
  const values = generatedValues(snapshot);
  const serialized = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, toNix(value)]));
  return fillTemplates(templates, serialized);
}

/** The snapshot in the order the renderer writes it (and the importer reads it back). */
export function canonicalSnapshot(snapshot: DraftSnapshot): DraftSnapshot {
  return {
    services: [...snapshot.services].sort((a, b) => compareCodePoints(a.name, b.name)),
    virtualHosts: [...snapshot.virtualHosts].sort((a, b) => compareCodePoints(a.subdomain, b.subdomain)),
    accessRules: [...snapshot.accessRules].sort(compareRules),
    monitors: [...snapshot.monitors].sort(compareMonitors),
    backup: snapshot.backup,
  };
}

function generatedValues(snapshot: DraftSnapshot): Rendered<GeneratedValues> {
  const canonical = canonicalSnapshot(snapshot);
  return {
    services: uniqueRecord("service name", canonical.services, (s) => s.name, renderService),
    virtualHosts: uniqueRecord("virtual host subdomain", canonical.virtualHosts, (v) => v.subdomain, renderVirtualHost),
    accessControlRules: canonical.accessRules.map(renderAccessRule),
    monitors: canonical.monitors.map(renderMonitor),
    extraPaths: canonical.backup.extraPaths,
    exclude: canonical.backup.exclude,
  };
}

function renderService(s: ServiceSnapshot) {
  return { enable: s.enabled };
}

function renderVirtualHost(v: VirtualHostSnapshot) {
  return { host: v.upstreamHost, port: v.upstreamPort, auth: v.auth === "authelia" };
}

function renderAccessRule(r: AccessRuleSnapshot): Rendered<GeneratedAccessRule> {
  return {
    priority: r.priority,
    domain: r.domains.map(domainHost),
    policy: r.policy,
    subject: omitEmpty(r.subjects),
    resources: omitEmpty(r.resources),
    methods: omitEmpty(r.methods),
    networks: omitEmpty(r.networks),
  };
}

function renderMonitor(m: MonitorSnapshot): Rendered<GeneratedMonitor> {
  return {
    name: m.name,
    url: monitorUrl(m.target),
    interval: m.interval,
    type: m.type,
    keyword: m.keyword === "" ? undefined : m.keyword,
    maxretries: m.maxretries,
  };
}

function omitEmpty<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list;
}

/** Builds an attrset keyed by user text; a duplicate key would be a Nix error, so fail here. */
function uniqueRecord<T, V>(what: string, items: T[], key: (item: T) => string, value: (item: T) => V): Record<string, V> {
  const entries = items.map((item) => [key(item), value(item)] as const);
  const seen = new Set<string>();
  for (const [name] of entries) {
    if (seen.has(name)) throw new NixError("RENDER_INVALID", `Duplicate ${what}: ${JSON.stringify(name)}`);
    seen.add(name);
  }
  // fromEntries defines own properties, so a key like "__proto__" stays a plain key.
  return Object.fromEntries(entries);
}

// Authelia stops at the first match: priority decides; the rest only makes ties stable.
function compareRules(a: AccessRuleSnapshot, b: AccessRuleSnapshot): number {
  return a.priority - b.priority || compareCodePoints(stableKey(a), stableKey(b));
}

function compareMonitors(a: MonitorSnapshot, b: MonitorSnapshot): number {
  return compareCodePoints(a.name, b.name) || compareCodePoints(stableKey(a), stableKey(b));
}

/** JSON with keys in a fixed order, so equal records give equal keys whatever their origin. */
function stableKey(value: AccessRuleSnapshot | MonitorSnapshot): string {
  return JSON.stringify(value, Object.keys(value).sort());
}
