// Which field of "New service" follows which: typing the name fills the title, the state
// directory, the subdomain, the monitor and the backup path; choosing who may reach it picks
// the next free priority. A field the admin typed in keeps what they typed. Pure.
import { nextFreePriority, RULE_ACCESS, type RuleAccess } from "@/lib/model/schemas/new-service-rules";

const SLUG = /^[a-z][a-z0-9-]*$/;

const titleOf = (name: string) => name.split("-").filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(" ");

/**
 * Behind Authelia an anonymous check sees the login page (the checker's monitor.behind-login),
 * so a signed-in vhost is watched at its upstream, as the seed's Prometheus monitor is;
 * an open vhost through Caddy, which also checks the routing.
 */
function monitorTarget(values: Record<string, string>): string {
  const sub = (values["vhost.subdomain"] ?? "").trim().toLowerCase();
  const port = (values["vhost.upstreamPort"] ?? "").trim();
  const host = (values["vhost.upstreamHost"] ?? "").trim() || "127.0.0.1";
  const vhostOn = values["with.vhost"] === "on";
  if (vhostOn && values["vhost.auth"] === "authelia" && /^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535) return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}/`;
  return sub ? `${sub}/` : "";
}

/**
 * The suggested value of each derived field, in dependency order, from the current values
 * (`values` already holds what the admin typed; a derived field is read after its own
 * suggestion so the chain name → state directory → backup path follows through).
 */
export function suggestions(values: Record<string, string>, touched: ReadonlySet<string>, usedPriorities: readonly number[]): Record<string, string> {
  const current = { ...values };
  const out: Record<string, string> = {};
  const suggest = (field: string, value: string) => {
    if (touched.has(field)) return;
    out[field] = value;
    current[field] = value;
  };
  const name = (current.name ?? "").trim();
  const slug = SLUG.test(name) ? name : "";
  suggest("title", titleOf(slug));
  suggest("stateDir", slug ? `/var/lib/${slug}` : "");
  suggest("vhost.subdomain", slug);
  suggest("monitor.name", (current.title ?? "").trim() || titleOf(slug));
  suggest("monitor.target", monitorTarget(current));
  suggest("backup.path", (current.stateDir ?? "").trim());
  const access = current["rules.access"];
  if ((RULE_ACCESS as readonly string[]).includes(access)) {
    const next = nextFreePriority(usedPriorities, access as RuleAccess);
    suggest("rules.priority", next === null ? "" : String(next));
  }
  return out;
}
