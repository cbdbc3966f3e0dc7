// Findings about Uptime Kuma monitors: what they watch, and what Authelia answers them.
import type { CheckMonitor } from "../input";
import type { CheckContext } from "../context";
import { finding, type Finding } from "../finding";
import { splitUrl } from "../authelia/request";

interface Target {
  host: string;
  path: string;
  query: string;
  /** The subdomain label when the host is homey's domain or one of its subdomains. */
  label: string | null;
}

/** The URL the renderer gives Uptime Kuma (lib/nix/render.ts monitorUrl), split into parts. */
export function monitorTarget(m: Pick<CheckMonitor, "target">, domain: string): Target | null {
  const d = domain.toLowerCase();
  if (/^https?:\/\//i.test(m.target)) {
    const parts = splitUrl(m.target);
    if (!parts) return null;
    const host = parts.host.replace(/:\d+$/, "").toLowerCase();
    const label = host === d ? "@" : host.endsWith(`.${d}`) && !host.slice(0, -d.length - 1).includes(".") ? host.slice(0, -d.length - 1) : null;
    return { host, path: parts.path, query: parts.query, label };
  }
  const slash = m.target.indexOf("/");
  const label = slash === -1 ? m.target : m.target.slice(0, slash);
  const rest = slash === -1 ? "/" : m.target.slice(slash);
  const q = rest.indexOf("?");
  return {
    host: label === "@" ? d : `${label}.${d}`,
    path: q === -1 ? rest : rest.slice(0, q),
    query: q === -1 ? "" : rest.slice(q + 1).replace(/#.*$/, ""),
    label,
  };
}

export function checkMonitors(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const m of ctx.draft.monitors) {
    if (!m.enabled) continue;
    const service = m.serviceId === null ? undefined : ctx.services.get(m.serviceId);
    if (service && !service.enabled) {
      out.push(
        finding("monitor.disabled-service", m.id, `The monitor "${m.name}" still watches ${service.name}, which is switched off: Uptime Kuma will report it down.`, {
          field: "enabled",
          fix: `Pause the monitor too, or switch ${service.name} back on.`,
        }),
      );
    }
    const target = monitorTarget(m, ctx.draft.domain);
    if (!target || target.label === null) continue; // outside homey's domain: not routed by Caddy
    const vhost = ctx.vhosts.get(target.label);
    if (!vhost || !vhost.enabled) {
      out.push(finding("monitor.no-vhost", m.id, `The monitor "${m.name}" checks ${target.host}, which ${vhost ? "is a disabled vhost" : "no vhost serves"}: it will always fail.`, { field: "target" }));
      continue;
    }
    if (vhost.auth === "none") continue;
    const d = ctx.control.decide({ host: target.host, path: target.path, query: target.query, method: "GET", sourceIp: ctx.options.monitorSourceIp }, { trace: false });
    const by = d.matchedRule === null ? `the default policy (${d.decision})` : ctx.describeRule(ctx.rules[ctx.position.get(d.matchedRule)!]);
    const url = `https://${target.host}${d.object?.path ?? target.path}`;
    if (d.outcome === "sign-in") {
      out.push(
        finding("monitor.behind-login", m.id, `Uptime Kuma will see the login page: Authelia answers anonymous requests to ${url} with ${d.decision} (${by}).`, {
          field: "target",
          fix: `Add a bypass rule for its path (e.g. ${target.label} with resource ^${escapeRegex(target.path)}$) or point it at the upstream (http://${vhost.upstreamHost}:${vhost.upstreamPort}${target.path}).`,
          fixValue: upstreamUrl(vhost, target.path),
        }),
      );
    } else if (d.outcome === "forbidden") {
      out.push(
        finding("monitor.denied", m.id, `Authelia refuses anonymous requests to ${url} (${by}), so the monitor "${m.name}" always fails.`, {
          field: "target",
          fix: `Add a bypass rule for its path, or point it at the upstream (http://${vhost.upstreamHost}:${vhost.upstreamPort}${target.path}).`,
          fixValue: upstreamUrl(vhost, target.path),
        }),
      );
    }
  }
  return out;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The monitor's target pointed at the vhost's upstream directly, past Caddy and Authelia. */
function upstreamUrl(vhost: { upstreamHost: string; upstreamPort: number }, path: string): string {
  const host = vhost.upstreamHost.includes(":") && !vhost.upstreamHost.startsWith("[") ? `[${vhost.upstreamHost}]` : vhost.upstreamHost;
  return `http://${host}:${vhost.upstreamPort}${path}`;
}
