// Audit events and deploys as sentences people read ("Demo Admin disabled eurovote", "anna
// added vhost jellyfin → 127.0.0.1:8096 (Authelia)"), with a small before → after field table
// instead of raw JSON. Pure: the audit page, the overview and tests share it.
import { DEPLOY_STATUS_LABELS, isDeployStatus } from "@/lib/deploy/status";

export interface AuditRow {
  id: number;
  actor: string;
  /** The display name stored with the event (Remote-Name), when there was one. */
  actorName?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
}

export interface DeployRow {
  id: number;
  actor: string;
  action: string;
  status: string;
  commitSha: string;
  target: string;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export type EntryArea = "service" | "virtualHost" | "accessRule" | "monitor" | "backupPath";

export interface FieldRow {
  field: string;
  before: string | null;
  after: string | null;
}

export interface TimelineEntry {
  key: string;
  at: Date;
  actor: string;
  /** The sentence after the actor: "disabled eurovote". */
  text: string;
  /** What the link points to: an editor row, a deploy, or nothing. */
  target: { kind: "area"; area: EntryArea; id: string } | { kind: "deploy"; id: number } | null;
  /** The words of `text` that name the target (linked). */
  label: string | null;
  fields: FieldRow[];
  tone: "neutral" | "good" | "bad";
}

const AREA_NOUN: Record<EntryArea, string> = {
  service: "service",
  virtualHost: "vhost",
  accessRule: "access rule",
  monitor: "monitor",
  backupPath: "backup path",
};

const FIELD_LABEL: Record<string, string> = {
  upstreamHost: "host",
  upstreamPort: "port",
  stateDir: "state directory",
  unitName: "systemd unit",
  maxretries: "max retries",
  serviceId: "service",
  subdomain: "subdomain",
};

const HIDDEN_FIELDS = new Set(["id", "version"]);

type Values = Record<string, unknown>;

function parse(text: string | null): Values | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Values) : { value };
  } catch {
    return { value: text };
  }
}

const isArea = (t: string): t is EntryArea => t in AREA_NOUN;

function str(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

/** A value in form terms: on/off, lists joined, empty shown as a dash. */
export function showValue(field: string, v: unknown, serviceNames: ReadonlyMap<number, string>): string {
  if (v === undefined || v === null || v === "") return "—";
  if (field === "serviceId" && typeof v === "number") return serviceNames.get(v) ?? `#${v}`;
  if (field === "auth") return v === "authelia" ? "Authelia" : v === "none" ? "no sign-in" : str(v);
  if (typeof v === "boolean") return field === "enabled" ? (v ? "on" : "off") : v ? "yes" : "no";
  if (Array.isArray(v)) return v.length === 0 ? "—" : v.map((x) => (Array.isArray(x) ? x.join(" + ") : str(x) || JSON.stringify(x))).join(", ");
  if (typeof v === "object") return JSON.stringify(v);
  return str(v);
}

/** What the admin calls a row: a service's name, a subdomain, "#20 grafana". */
function labelOf(area: EntryArea, v: Values, fallbackId: string): string {
  switch (area) {
    case "service":
    case "monitor":
      return str(v.name) || `#${fallbackId}`;
    case "virtualHost":
      return str(v.subdomain) || `#${fallbackId}`;
    case "accessRule": {
      const domains = Array.isArray(v.domains) ? v.domains.map(str).join(", ") : "";
      return `#${str(v.priority)}${domains ? ` ${domains}` : ""}`;
    }
    case "backupPath":
      return str(v.path) || `#${fallbackId}`;
  }
}

/** The one-line values an added or removed row is recognised by. */
function detailOf(area: EntryArea, v: Values, names: ReadonlyMap<number, string>): string {
  switch (area) {
    case "virtualHost":
      return ` → ${str(v.upstreamHost) || "127.0.0.1"}:${str(v.upstreamPort)} (${showValue("auth", v.auth, names)})`;
    case "accessRule":
      return ` (${str(v.policy)})`;
    case "monitor":
      return ` (${str(v.type) || "http"} ${str(v.target)})`;
    case "backupPath":
      return ` (${str(v.mode) || "include"})`;
    case "service":
      return v.kind ? ` (${str(v.kind)})` : "";
  }
}

function fieldRows(before: Values | null, after: Values | null, names: ReadonlyMap<number, string>): FieldRow[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !HIDDEN_FIELDS.has(k));
  const rows: FieldRow[] = [];
  for (const key of keys) {
    const b = before ? showValue(key, before[key], names) : null;
    const a = after ? showValue(key, after[key], names) : null;
    if (before && after && b === a) continue;
    rows.push({ field: FIELD_LABEL[key] ?? key, before: b, after: a });
  }
  return rows;
}

const shortSha = (sha: unknown) => str(sha).slice(0, 7);

function describeAreaEvent(e: AuditRow, area: EntryArea, names: ReadonlyMap<number, string>): Omit<TimelineEntry, "key" | "at" | "actor"> {
  const before = parse(e.before);
  const after = parse(e.after);
  const values = after ?? before ?? {};
  const label = labelOf(area, values, e.entityId);
  const noun = AREA_NOUN[area];
  // The service noun is noise next to a service's own name ("disabled eurovote").
  const named = area === "service" ? label : `${noun} ${label}`;
  const target = { kind: "area" as const, area, id: e.entityId };
  const fields = fieldRows(before, after, names);
  if (before && after) {
    const onlySwitch = fields.length === 1 && fields[0].field === "enabled";
    if (onlySwitch) return { text: `${after.enabled ? "enabled" : "disabled"} ${named}`, target, label, fields: [], tone: "neutral" };
    if (e.action === "unlink") return { text: `unlinked ${named} from ${showValue("serviceId", before.serviceId, names)} (the service was removed)`, target, label, fields: [], tone: "neutral" };
    const renamed = labelOf(area, before, e.entityId);
    const text = renamed !== label ? `changed ${noun} ${renamed} (now ${label})` : `changed ${named}`;
    return { text, target, label, fields, tone: "neutral" };
  }
  // Added or removed: the sentence carries what the row is known by; the table (folded) keeps every value.
  if (after) {
    if (e.action === "update") return { text: `changed ${named}`, target, label, fields, tone: "neutral" };
    const verb = e.action === "seed" ? "seeded" : e.action === "import" ? "imported" : "added";
    return { text: `${verb} ${noun} ${label}${detailOf(area, after, names)}`, target, label, fields, tone: "neutral" };
  }
  return { text: `removed ${noun} ${label}${before ? detailOf(area, before, names) : ""}`, target: null, label: null, fields, tone: "neutral" };
}

export function describeAuditEvent(e: AuditRow, names: ReadonlyMap<number, string> = new Map()): TimelineEntry {
  // "Demo Admin disabled eurovote" where the display name is known, else the user name.
  const base = { key: `audit-${e.id}`, at: e.createdAt, actor: e.actorName || e.actor };
  if (isArea(e.entityType)) return { ...base, ...describeAreaEvent(e, e.entityType, names) };
  const after = parse(e.after) ?? {};
  const none = { target: null, label: null, fields: [] as FieldRow[] };
  switch (`${e.entityType}:${e.action}`) {
    case "commit:apply": {
      const files = Array.isArray(after.files) ? after.files.length : 0;
      const subject = str(after.subject);
      return { ...base, ...none, text: `applied the draft: commit ${shortSha(e.entityId)}${subject ? ` “${subject}”` : ""}${files ? ` (${files} file${files === 1 ? "" : "s"})` : ""}`, tone: "good" };
    }
    case "commit:import":
      return { ...base, ...none, text: `imported commit ${shortSha(e.entityId)} into the draft (hand edits in generated/)`, tone: "neutral" };
    case "deploy:health": {
      const summary = str(after.summary).replace(/^(un)?healthy: /, "");
      const verdict = str(after.verdict) || "unknown";
      const text = `health check after deploy #${e.entityId}: ${verdict}${summary ? (verdict === "healthy" ? ` (${summary})` : ` — ${summary}`) : ""}`;
      return { ...base, ...deployLink(e.entityId), fields: [], text, tone: verdict === "healthy" ? "good" : "bad" };
    }
    case "deploy:rollback": {
      const how = after.trigger === "auto" ? ` automatically for ${str(after.onBehalfOf)}` : "";
      const revert = str(after.revertSha) ? `, revert commit ${shortSha(after.revertSha)}` : "";
      const problem = str(after.problem) ? `; but ${str(after.problem)}` : "";
      const text = `rolled back deploy #${e.entityId}${how} (${str(after.reason)}): back to ${shortSha(after.to)} by deploy #${str(after.rollbackDeployId)}${revert}${problem}`;
      return { ...base, ...deployLink(e.entityId), fields: [], text, tone: problem ? "bad" : "neutral" };
    }
    case "deploy:preview":
      return { ...base, ...deployLink(e.entityId), fields: [], text: `previewed deploy of ${shortSha(after.commitSha)}: ${previewChanges(after)}`, tone: "neutral" };
    case "deploy:confirm":
      return {
        ...base,
        ...deployLink(e.entityId),
        fields: [],
        text: `confirmed the switch to ${shortSha(after.commitSha)} (built by preview #${str(after.previewId)}) · deploy #${e.entityId}`,
        tone: "neutral",
      };
    case "deploy:rollback-failed":
      return { ...base, ...deployLink(e.entityId), fields: [], text: `could not roll back deploy #${e.entityId}: ${str(after.note)}`, tone: "bad" };
    case "deploy:keep":
      return { ...base, ...deployLink(e.entityId), fields: [], text: `kept deploy #${e.entityId} although its health check failed (${str(after.checks)})`, tone: "neutral" };
    case "commit:revert":
      return {
        ...base,
        ...none,
        text: `made revert commit ${shortSha(e.entityId)} for ${str(after.onBehalfOf)} (undoes ${shortSha(after.revertedSha)} of deploy #${str(after.deployId)})`,
        tone: "neutral",
      };
    case "session:break-glass-login":
      return { ...base, ...none, text: `signed in with the break-glass password (break-glass-login) from ${str(after.address) || "an unknown address"}`, tone: "bad" };
    case "session:break-glass-failed":
      return { ...base, ...none, text: `tried the break-glass password and failed (break-glass-failed) from ${str(after.address) || "an unknown address"}`, tone: "bad" };
    default:
      if (e.action === "break-glass-locked") return { ...base, ...none, text: `locked break-glass sign-in for ${e.entityId} after repeated failures (break-glass-locked)`, tone: "bad" };
      return { ...base, ...none, text: `${e.action} ${e.entityType} ${e.entityId}`, tone: "neutral" };
  }
}

/** A preview's unit changes as words: "stops grafana.service; reloads caddy.service". */
function previewChanges(after: Values): string {
  const units = (key: string) => (Array.isArray(after[key]) ? after[key].map(str).filter(Boolean) : []);
  const parts = (
    [
      ["stops", "stop"],
      ["restarts", "restart"],
      ["reloads", "reload"],
      ["starts", "start"],
    ] as const
  ).flatMap(([verb, key]) => (units(key).length ? [`${verb} ${units(key).join(", ")}`] : []));
  const outages = units("outages");
  const outage = outages.length ? ` (short outage: ${outages.join(", ")})` : "";
  return parts.length ? `${parts.join("; ")}${outage}` : "no unit would start, stop, restart or reload";
}

/** The link to a deploy's page from an audit sentence about it. */
function deployLink(id: string): Pick<TimelineEntry, "target" | "label"> {
  return /^\d+$/.test(id) ? { target: { kind: "deploy", id: Number(id) }, label: `deploy #${id}` } : { target: null, label: null };
}

/** `displayNames`: user name → display name, from the audit events (deploys store the user only). */
export function describeDeploy(d: DeployRow, displayNames: ReadonlyMap<string, string> = new Map()): TimelineEntry {
  const status = isDeployStatus(d.status) ? DEPLOY_STATUS_LABELS[d.status] : d.status;
  const label = `deploy #${d.id}`;
  const what =
    d.action === "rollback"
      ? `rolled back${d.commitSha ? ` to ${shortSha(d.commitSha)}` : " to the previous generation"}`
      : d.action === "dry-activate"
        ? `previewed deploy of ${shortSha(d.commitSha)}`
        : `deployed ${shortSha(d.commitSha)} (${d.action})`;
  const outcome = d.status === "running" ? "running" : d.status === "cancelled" ? "cancelled" : status;
  const tone = d.status === "succeeded" ? "good" : d.status === "running" || d.status === "cancelled" ? "neutral" : "bad";
  return {
    key: `deploy-${d.id}`,
    at: d.startedAt,
    actor: displayNames.get(d.actor) ?? d.actor,
    text: `${what}: ${outcome}${d.error && d.status !== "succeeded" ? ` — ${d.error}` : ""} · ${label}`,
    target: { kind: "deploy", id: d.id },
    label,
    fields: [],
    tone,
  };
}
