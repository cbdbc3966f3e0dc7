// Findings about vhosts: Caddy routes them, Authelia guards those with auth on.
import type { CheckContext } from "../context";
import { finding, type Finding } from "../finding";

export function checkVirtualHosts(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const { draft } = ctx;
  const enabled = draft.virtualHosts.filter((v) => v.enabled);

  for (const v of enabled) {
    const service = v.serviceId === null ? undefined : ctx.services.get(v.serviceId);
    if (service && !service.enabled) {
      out.push(
        finding("vhost.disabled-service", v.id, `${ctx.host(v.subdomain)} still routes to ${service.name}, which is switched off: Caddy will answer 502 for it.`, {
          field: "enabled",
          fix: `Disable the vhost too, or switch ${service.name} back on.`,
        }),
      );
    }
  }

  const byUpstream = new Map<string, typeof enabled>();
  for (const v of enabled) {
    const key = `${v.upstreamHost.toLowerCase()}:${v.upstreamPort}`;
    const group = byUpstream.get(key);
    if (group) group.push(v);
    else byUpstream.set(key, [v]);
  }
  for (const [key, group] of byUpstream) {
    if (group.length < 2) continue;
    for (const v of group) {
      const others = group.filter((o) => o !== v).map((o) => ctx.host(o.subdomain)).join(", ");
      out.push(finding("vhost.upstream-shared", v.id, `${key} is also the upstream of ${others}: both names reach the same service.`, { field: "upstreamPort" }));
    }
  }

  for (const v of enabled) {
    const host = ctx.host(v.subdomain);
    const rules = ctx.control.rulesForHost(host);
    if (v.auth === "authelia") {
      if (rules.some((r) => r.policy !== "deny")) continue;
      const def = draft.defaultPolicy;
      const effect =
        def === "deny" ? "nobody gets in" : def === "bypass" ? "everyone gets in without signing in" : `every signed-in user gets in (${def})`;
      const message =
        rules.length === 0
          ? `No access rule names ${host}, so Authelia's default policy (${def}) decides every request: ${effect}.`
          : `Every access rule for ${host} denies, and requests they do not match get the default policy (${def}): ${def === "deny" ? "nobody gets in" : effect}.`;
      out.push(finding("vhost.no-rule-admits", v.id, message, { field: "auth", fix: `Add a rule for ${v.subdomain} (e.g. two_factor for group:${draft.adminGroup}).` }));
    } else {
      // Caddy serves auth-off hosts without asking Authelia; rules demanding sign-in are dead letters.
      const ignored = ctx.rules.filter((r) => r.policy !== "bypass" && r.domains.includes(v.subdomain));
      if (ignored.length > 0) {
        out.push(
          finding("vhost.auth-off-rules-ignored", v.id, `${host} has auth off, so Caddy serves it to everyone without asking Authelia; ${ignored.map((r) => ctx.describeRule(r)).join("; ")} ${ignored.length === 1 ? "is" : "are"} never consulted.`, {
            field: "auth",
            fix: "Turn auth on for this vhost, or delete the rules.",
          }),
        );
      }
    }
  }
  return out;
}
