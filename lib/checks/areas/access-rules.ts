// Findings about access rules: what Authelia refuses at start-up (errors), and rules whose
// place in the order does not do what their author meant (warnings).
import { priorityRangeWarning } from "@/lib/model/schemas/access-rule";
import type { CheckAccessRule } from "../input";
import type { CheckContext } from "../context";
import { finding, type Finding } from "../finding";
import { resourceProblem } from "../authelia/regex";
import { methodsProblem, subjectProblem, networkProblem } from "../authelia/syntax";
import { networkCovers, parseNetwork, type IpNetwork } from "../authelia/ip";

function validity(ctx: CheckContext, r: CheckAccessRule): Finding[] {
  const out: Finding[] = [];
  const what = ctx.describeRule(r);
  if (r.domains.length === 0) {
    out.push(finding("rule.no-domains", r.id, `Rule at priority ${r.priority} has no domain; Authelia refuses to start with it.`, { field: "domains", fix: "Add the subdomain it is for (or * for every subdomain)." }));
  }
  if (r.policy === "bypass" && r.subjects.length > 0) {
    out.push(finding("rule.bypass-with-subjects", r.id, `Authelia refuses to start: ${what} has subjects, but bypass applies before anyone signs in.`, { field: "subjects", fix: "Remove the subjects, or choose one_factor/two_factor." }));
  }
  for (const source of r.resources) {
    const problem = resourceProblem(source);
    if (problem) out.push(finding("rule.resource-invalid", r.id, `Authelia refuses to start: resource ${problem}`, { field: "resources" }));
  }
  const methods = methodsProblem(r.methods);
  if (methods) out.push(finding("rule.method-invalid", r.id, `Authelia refuses to start: ${methods}`, { field: "methods" }));
  for (const alt of r.subjects) {
    for (const s of alt) {
      const problem = subjectProblem(s);
      if (problem) out.push(finding("rule.subject-invalid", r.id, `Authelia refuses to start: ${problem}`, { field: "subjects" }));
    }
  }
  for (const n of r.networks) {
    const problem = networkProblem(n);
    if (problem) out.push(finding("rule.network-invalid", r.id, `Authelia refuses to start: ${problem}`, { field: "networks" }));
  }
  return out;
}

function isValid(r: CheckAccessRule): boolean {
  return (
    r.domains.length > 0 &&
    r.resources.every((s) => resourceProblem(s) === null) &&
    methodsProblem(r.methods) === null &&
    r.subjects.every((alt) => alt.every((s) => subjectProblem(s) === null)) &&
    r.networks.every((n) => networkProblem(n) === null)
  );
}

function duplicatePriorities(ctx: CheckContext): Finding[] {
  const byPriority = new Map<number, CheckAccessRule[]>();
  for (const r of ctx.rules) {
    const group = byPriority.get(r.priority);
    if (group) group.push(r);
    else byPriority.set(r.priority, [r]);
  }
  const out: Finding[] = [];
  for (const [priority, group] of byPriority) {
    if (group.length < 2) continue;
    const order = group.map((r) => ctx.describeRule(r)).join("; then ");
    for (const r of group) {
      out.push(
        finding("rule.priority-duplicate", r.id, `${group.length} rules share priority ${priority}. Authelia tries them in the renderer's tie-break order (${order}), which you did not choose.`, {
          field: "priority",
          fix: "Give each rule its own priority, the one to try first lower.",
        }),
      );
    }
  }
  return out;
}

/** Each label of `later` is matched by some label of `earlier` ("*" is every subdomain, not the apex). */
function domainsCover(earlier: readonly string[], later: readonly string[]): boolean {
  const set = new Set(earlier);
  return later.every((d) => set.has(d) || (d !== "@" && set.has("*")));
}

/** `earlier` restricts nothing, or restricts to a superset of what `later` allows. */
function listCovers(earlier: readonly string[], later: readonly string[]): boolean {
  if (earlier.length === 0) return true;
  if (later.length === 0) return false;
  const set = new Set(earlier);
  return later.every((x) => set.has(x));
}

function networksCover(earlier: readonly string[], later: readonly string[]): boolean {
  if (earlier.length === 0) return true;
  if (later.length === 0) return false;
  const outer = earlier.map(parseNetwork).filter((n): n is IpNetwork => typeof n !== "string");
  return later.every((l) => {
    const inner = parseNetwork(l);
    return typeof inner !== "string" && outer.some((o) => networkCovers(o, inner));
  });
}

const subjectKey = (s: string) => (s.startsWith("user:") ? `user:${s.slice(5).trim()}` : s.startsWith("group:") ? `group:${s.slice(6).trim()}` : s);

/**
 * Every signed-in user `later` admits is also matched by `earlier`: earlier has no subjects,
 * or each of later's alternatives (an AND) includes all of some alternative of earlier.
 * (Anonymous requests skip the subject check in both, so they never tell the two apart.)
 */
function subjectsCover(earlier: readonly (readonly string[])[], later: readonly (readonly string[])[]): boolean {
  if (earlier.length === 0) return true;
  if (later.length === 0) return false;
  const earlierAlts = earlier.map((a) => a.map(subjectKey));
  return later.every((alt) => {
    const have = new Set(alt.map(subjectKey));
    return earlierAlts.some((e) => e.every((s) => have.has(s)));
  });
}

/** Sound, not complete: true only when every request `later` could match is matched by `earlier`. */
export function covers(earlier: CheckAccessRule, later: CheckAccessRule): boolean {
  return (
    domainsCover(earlier.domains, later.domains) &&
    listCovers(earlier.resources, later.resources) &&
    listCovers(earlier.methods.map((m) => m.toUpperCase()), later.methods.map((m) => m.toUpperCase())) &&
    networksCover(earlier.networks, later.networks) &&
    subjectsCover(earlier.subjects, later.subjects)
  );
}

function shadowed(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  // Earlier valid rules by label, so each rule is compared only with rules that could cover it.
  const byLabel = new Map<string, number[]>();
  ctx.rules.forEach((later, i) => {
    if (later.domains.length > 0) {
      const first = later.domains[0];
      const candidates = [...(byLabel.get(first) ?? []), ...(first !== "@" && first !== "*" ? (byLabel.get("*") ?? []) : [])].sort((a, b) => a - b);
      const earlier = candidates.map((j) => ctx.rules[j]).find((e) => covers(e, later));
      if (earlier) {
        const same = earlier.policy === later.policy;
        out.push(
          finding("rule.shadowed", later.id, `${ctx.describeRule(later)} never decides a request: ${ctx.describeRule(earlier)} comes first and matches every request it could match${same ? " (with the same policy, so it is redundant)" : ""}.`, {
            field: "priority",
            fix: same ? "Delete this rule, or narrow the earlier one." : "Give this rule a lower priority than the earlier one, or narrow the earlier one (resources, methods, subjects).",
          }),
        );
      }
    }
    if (isValid(later)) {
      for (const d of new Set(later.domains)) {
        const list = byLabel.get(d);
        if (list) list.push(i);
        else byLabel.set(d, [i]);
      }
    }
  });
  return out;
}

function domainsWithoutVhost(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  const enabledSubdomains = ctx.draft.virtualHosts.filter((v) => v.enabled && v.subdomain !== "@");
  for (const r of ctx.rules) {
    for (const label of r.domains) {
      if (label === "*") {
        if (enabledSubdomains.length === 0) out.push(finding("rule.domain-without-vhost", r.id, `${ctx.host("*")} matches no enabled vhost, so this rule has no effect.`, { field: "domains" }));
        continue;
      }
      const v = ctx.vhosts.get(label);
      if (v && v.enabled) continue;
      const message = v
        ? `The vhost ${ctx.host(label)} is disabled, so this rule has no effect until it is enabled again.`
        : `No vhost serves ${ctx.host(label)}, so this rule has no effect.`;
      out.push(finding("rule.domain-without-vhost", r.id, message, { field: "domains", fix: v ? undefined : `Add a vhost for ${label}, or remove ${label} from the rule.` }));
    }
  }
  return out;
}

function priorityRanges(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rules) {
    const warning = priorityRangeWarning(r.priority, r.policy);
    if (warning) out.push(finding("rule.priority-range", r.id, warning, { field: "priority" }));
  }
  return out;
}

export function checkAccessRules(ctx: CheckContext): Finding[] {
  return [...ctx.rules.flatMap((r) => validity(ctx, r)), ...duplicatePriorities(ctx), ...shadowed(ctx), ...domainsWithoutVhost(ctx), ...priorityRanges(ctx)];
}
