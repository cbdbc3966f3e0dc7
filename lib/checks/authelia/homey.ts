// homey's draft → Authelia's access_control, as the renderer and homey's authelia.nix produce
// it: labels become "<label>.${domain}" / "*.${domain}" / "${domain}", and rules come in the
// order the renderer writes them (homey's build-time sort by priority is stable, so ties keep it).
import type { CheckAccessRule, CheckDraft } from "../input";
import { createAccessControl, type AccessControl, type AutheliaRule } from "./engine";
import { compareCodePoints } from "@/lib/nix/serializer";

/** A rule label as Authelia sees it (lib/nix/render.ts domainHost, "*" for every subdomain). */
export function autheliaDomain(label: string, domain: string): string {
  if (label === "@") return domain;
  if (label === "*") return `*.${domain}`;
  return `${label}.${domain}`;
}

/** A vhost or monitor label as a full host name. */
export function fullHost(label: string, domain: string): string {
  return label === "@" ? domain : `${label}.${domain}`;
}

// Mirrors lib/nix/render.ts compareRules: priority, then the rule's snapshot as JSON with keys
// sorted (JSON.stringify(value, Object.keys(value).sort())), compared by code point. Ids play
// no part in the rendered order; two rules with equal content are interchangeable, so the id
// only makes the engine's order total.
function stableKey(r: CheckAccessRule): string {
  return JSON.stringify({
    domains: r.domains,
    methods: r.methods,
    networks: r.networks,
    policy: r.policy,
    priority: r.priority,
    resources: r.resources,
    subjects: r.subjects,
  });
}


/** The draft's rules in the order Authelia will try them. */
export function orderedRules(rules: readonly CheckAccessRule[]): CheckAccessRule[] {
  const keyed = rules.map((r) => ({ r, key: stableKey(r) }));
  keyed.sort((a, b) => a.r.priority - b.r.priority || compareCodePoints(a.key, b.key) || a.r.id - b.r.id);
  return keyed.map((k) => k.r);
}

export function toAutheliaRules(draft: Pick<CheckDraft, "domain" | "accessRules">): AutheliaRule[] {
  return orderedRules(draft.accessRules).map((r) => ({
    id: r.id,
    domains: r.domains.map((d) => autheliaDomain(d, draft.domain)),
    resources: r.resources,
    subjects: r.subjects,
    policy: r.policy,
    methods: r.methods,
    networks: r.networks,
  }));
}

/** The draft's access control, compiled once for many questions. */
export function draftAccessControl(draft: Pick<CheckDraft, "domain" | "accessRules" | "defaultPolicy">): AccessControl {
  return createAccessControl(toAutheliaRules(draft), draft.defaultPolicy);
}
