// The lockout guard: a draft that would cut the signed-in admin off from this dashboard, or
// switch off what homey needs to stay reachable. Reachability is decided by the simulator's
// engine, so the guard and the simulator cannot disagree.
import type { CheckContext } from "../context";
import { finding, type Finding } from "../finding";

/** homey's proxy, sign-in, user directory and this dashboard. */
export const PROTECTED_SERVICES = ["caddy", "authelia", "openldap", "homey-admin"] as const;

export function checkLockout(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const { draft, viewer } = ctx;
  const adminHost = ctx.host(draft.adminHost);
  const url = `https://${adminHost}/`;
  const confirm = adminHost;
  const typeToConfirm = `To commit anyway, type ${adminHost} to confirm.`;

  const required = new Set<string>(PROTECTED_SERVICES);
  for (const s of draft.services) {
    if ((s.protected || required.has(s.name)) && !s.enabled) {
      out.push(
        finding("lockout.protected-disabled", s.id, `${s.name} is switched off: after the deploy, homey's proxy, sign-in or this dashboard stops working and you may not get back in to undo it. ${typeToConfirm}`, {
          field: "enabled",
          fix: `Switch ${s.name} back on.`,
          confirm,
        }),
      );
    }
  }
  const present = new Set(draft.services.map((s) => s.name));
  for (const name of PROTECTED_SERVICES) {
    if (!present.has(name)) {
      out.push(finding("lockout.protected-missing", null, `The service ${name} is missing from the draft: the commit would leave homey without it. ${typeToConfirm}`, { fix: `Add ${name} back.`, confirm }));
    }
  }

  const vhost = ctx.vhosts.get(draft.adminHost);
  if (!vhost) {
    out.push(finding("lockout.admin-vhost-missing", null, `No vhost serves ${adminHost}: after the deploy Caddy no longer routes this dashboard, and you cannot reach it to undo the change. ${typeToConfirm}`, { fix: `Add the vhost ${draft.adminHost} back (port of homey-admin, auth on).`, confirm }));
    return out;
  }
  if (!vhost.enabled) {
    out.push(finding("lockout.admin-vhost-disabled", vhost.id, `The vhost ${adminHost} is disabled: after the deploy Caddy no longer routes this dashboard, and you cannot reach it to undo the change. ${typeToConfirm}`, { field: "enabled", fix: "Enable the vhost again.", fixValue: "on", confirm }));
    return out;
  }
  if (vhost.auth === "none") {
    out.push(
      finding("lockout.admin-auth-off", vhost.id, `${adminHost} has auth off: Caddy stops asking Authelia, no signed-in identity reaches the dashboard, and it refuses everyone, you included. ${typeToConfirm}`, {
        field: "auth",
        fix: "Turn auth back on (authelia).",
        fixValue: "authelia",
        confirm,
      }),
    );
    return out;
  }

  const d = ctx.control.decide({ host: adminHost, path: "/", method: "GET", sourceIp: ctx.options.outsideIp, user: { name: viewer.user, groups: viewer.groups, level: "two_factor" } }, { trace: false });
  const rule = d.matchedRule === null ? null : ctx.rules[ctx.position.get(d.matchedRule)!];
  const by = rule ? ctx.describeRule(rule) : `the default policy (${d.decision}), as no rule matches`;
  const who = `${viewer.user} (groups: ${viewer.groups.join(", ") || "none"})`;
  if (d.decision === "bypass") {
    out.push(
      finding("lockout.admin-bypass", rule?.id ?? null, `${by} lets everyone reach ${url} without signing in: the dashboard would be served to anyone on the internet, with no identity for it to check. ${typeToConfirm}`, {
        area: rule ? "accessRule" : "virtualHost",
        field: rule ? "policy" : undefined,
        fix: `Decide ${draft.adminHost} with two_factor for group:${draft.adminGroup} before any bypass.`,
        confirm,
      }),
    );
  } else if (d.outcome !== "allowed") {
    out.push(
      finding("lockout.admin-unreachable", rule?.id ?? null, `After the deploy Authelia answers ${who}, signed in with two factors, on ${url} with ${d.decision} (${by}): you would be locked out of this dashboard. ${typeToConfirm}`, {
        area: rule ? "accessRule" : "virtualHost",
        field: rule ? "policy" : undefined,
        fix: `Keep a two_factor rule for group:${draft.adminGroup} on ${draft.adminHost} ahead of any deny.`,
        confirm,
      }),
    );
  }
  return out;
}
