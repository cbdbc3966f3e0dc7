// Authelia's authorizer (internal/authorization: authorizer.go, access_control_rule.go,
// access_control_domain.go, regexp.go, types.go) and the forward-auth handler's verdict
// (internal/handlers/handler_authz_util.go isAuthzResult), as pure functions.
import { compilePattern, type CompiledPattern } from "./regex";
import { networkContains, parseIp, parseNetwork, type IpNetwork } from "./ip";
import { requestObject, type RequestObject } from "./request";

export type Policy = "bypass" | "one_factor" | "two_factor" | "deny";
export const POLICIES: readonly Policy[] = ["bypass", "one_factor", "two_factor", "deny"];

/** A rule as Authelia's configuration holds it: full domains ("*.example.com"), in evaluation order. */
export interface AutheliaRule {
  /** The draft row's id, reported back as the matching rule. */
  id: number;
  domains: readonly string[];
  resources: readonly string[];
  subjects: readonly (readonly string[])[];
  policy: Policy;
  methods: readonly string[];
  networks: readonly string[];
}

export interface RequestUser {
  name: string;
  groups: readonly string[];
  /** How far the user has signed in; defaults to two_factor. */
  level?: "one_factor" | "two_factor";
}

export interface AccessRequest {
  host: string;
  path?: string;
  query?: string;
  method?: string;
  sourceIp: string;
  /** Absent: an anonymous request (no session). */
  user?: RequestUser;
}

export type MissReason = "domain" | "resource" | "method" | "network" | "subject" | "invalid";

export interface RuleMiss {
  ruleId: number;
  reason: MissReason;
  detail: string;
}

/**
 * allowed: passes through; sign-in: redirected to the portal (or to the second factor);
 * forbidden: 403. This is what the forward-auth endpoint answers for the request's session.
 */
export type Outcome = "allowed" | "sign-in" | "forbidden";

export interface Decision {
  /** The level GetRequiredLevel returns: the first matching rule's policy, or the default. */
  decision: Policy;
  matchedRule: number | null;
  /** The matching rule has subjects (then an anonymous deny asks to sign in instead of 403). */
  ruleHasSubjects: boolean;
  outcome: Outcome;
  /** The object as Authelia matched it (host, cleaned path + query, method). */
  object: RequestObject | null;
  /** For each rule tried before the decision, why it did not match. */
  trace: RuleMiss[];
  /** Set when the request itself cannot be evaluated (bad source IP, malformed path). */
  problem?: string;
}

interface DomainMatcher {
  kind: "exact" | "wildcard" | "user" | "group";
  /** Lower-cased; for wildcards the suffix including its leading dot. */
  name: string;
}

interface CompiledRule {
  rule: AutheliaRule;
  domains: DomainMatcher[];
  resources: CompiledPattern[];
  /** A resource pattern that does not compile: Authelia would not start; the rule never matches here. */
  invalid: string | null;
  networks: IpNetwork[];
  subjects: { users: string[]; groups: string[] }[];
  methods: string[];
  hasSubjects: boolean;
}

// NewAccessControlDomain.
function domainMatcher(domain: string): DomainMatcher {
  const d = domain.toLowerCase();
  if (d.startsWith("*.")) return { kind: "wildcard", name: d.slice(1) };
  if (d.startsWith("{user}")) return { kind: "user", name: d.slice(6) };
  if (d.startsWith("{group}")) return { kind: "group", name: d.slice(7) };
  return { kind: "exact", name: d };
}

function hasSuffixFold(s: string, suffix: string): boolean {
  return s.length >= suffix.length && s.slice(s.length - suffix.length).toLowerCase() === suffix;
}

interface Subject {
  username: string;
  groups: readonly string[];
  ip: Uint8Array | null;
}

const isAnonymous = (s: Subject) => s.username === "" && s.groups.length === 0;

// AccessControlDomainMatcher.IsMatch.
function domainMatches(m: DomainMatcher, domain: string, subject: Subject): boolean {
  switch (m.kind) {
    case "wildcard":
      return hasSuffixFold(domain, m.name);
    case "user":
      if (isAnonymous(subject) && hasSuffixFold(domain, m.name)) return domain.length > m.name.length;
      return domain === `${subject.username}${m.name}`;
    case "group": {
      if (isAnonymous(subject) && hasSuffixFold(domain, m.name)) return domain.length > m.name.length;
      const i = domain.indexOf(".");
      if (i === -1) return false;
      const label = domain.slice(0, i).toLowerCase();
      return domain.slice(i) === m.name && subject.groups.some((g) => g.toLowerCase() === label);
    }
    default:
      return domain.toLowerCase() === m.name;
  }
}

// RegexpStringSubjectMatcher / RegexpGroupStringSubjectMatcher.
function resourceMatches(p: CompiledPattern, path: string, subject: Subject): boolean {
  if (p.userGroup === null && p.groupGroup === null) return p.test(path);
  const groups = p.exec(path);
  if (!groups) return false;
  if (isAnonymous(subject)) return true;
  if (p.userGroup !== null && (groups[p.userGroup] ?? "").toLowerCase() !== subject.username.toLowerCase()) return false;
  if (p.groupGroup !== null) {
    const want = (groups[p.groupGroup] ?? "").toLowerCase();
    if (!subject.groups.some((g) => g.toLowerCase() === want)) return false;
  }
  return true;
}

// schemaSubjectToACLSubject: the name after the prefix, trimmed of spaces; other prefixes are dropped.
function compileSubjects(subjects: readonly (readonly string[])[]): { users: string[]; groups: string[] }[] {
  const out: { users: string[]; groups: string[] }[] = [];
  for (const alternative of subjects) {
    const users: string[] = [];
    const groups: string[] = [];
    for (const s of alternative) {
      if (s.startsWith("user:")) users.push(s.slice(5).replace(/^ +| +$/g, ""));
      else if (s.startsWith("group:")) groups.push(s.slice(6).replace(/^ +| +$/g, ""));
    }
    if (users.length + groups.length > 0) out.push({ users, groups });
  }
  return out;
}

function compileRule(rule: AutheliaRule): CompiledRule {
  const resources: CompiledPattern[] = [];
  let invalid: string | null = null;
  for (const source of rule.resources) {
    const r = compilePattern(source);
    if (r.ok) resources.push(r.pattern);
    else invalid ??= `resource "${source}" is ${r.reason}`;
  }
  const networks: IpNetwork[] = [];
  for (const n of rule.networks) {
    const parsed = parseNetwork(n);
    if (typeof parsed === "string") invalid ??= `network "${n}": ${parsed}`;
    else networks.push(parsed);
  }
  const domains = rule.domains.map(domainMatcher);
  const subjects = compileSubjects(rule.subjects);
  const identityPatterns = resources.some((p) => p.userGroup !== null || p.groupGroup !== null);
  return {
    rule,
    domains,
    resources,
    invalid,
    networks,
    subjects,
    methods: rule.methods.map((m) => m.toUpperCase()),
    hasSubjects: subjects.length > 0 || domains.some((d) => d.kind === "user" || d.kind === "group") || identityPatterns,
  };
}

function subjectMatchesExact(rule: CompiledRule, subject: Subject): boolean {
  if (rule.subjects.length === 0) return true;
  if (isAnonymous(subject)) return false;
  return rule.subjects.some(
    (alt) => alt.users.every((u) => subject.username === u) && alt.groups.every((g) => subject.groups.includes(g)),
  );
}

/** Why this rule does not match (in Authelia's order of checks), or null when it matches. */
function miss(rule: CompiledRule, object: RequestObject, subject: Subject): RuleMiss | null {
  const id = rule.rule.id;
  if (rule.invalid) return { ruleId: id, reason: "invalid", detail: `Authelia would refuse to start: ${rule.invalid}` };
  if (rule.domains.length > 0 && !rule.domains.some((d) => domainMatches(d, object.domain, subject))) {
    return { ruleId: id, reason: "domain", detail: `${object.domain} is not ${rule.rule.domains.join(" or ")}` };
  }
  if (rule.resources.length > 0 && !rule.resources.some((p) => resourceMatches(p, object.path, subject))) {
    return { ruleId: id, reason: "resource", detail: `${object.path} matches none of ${rule.rule.resources.join(", ")}` };
  }
  if (rule.methods.length > 0 && !rule.methods.includes(object.method)) {
    return { ruleId: id, reason: "method", detail: `${object.method} is not ${rule.methods.join(", ")}` };
  }
  if (rule.networks.length > 0 && !(subject.ip && rule.networks.some((n) => networkContains(n, subject.ip!)))) {
    return { ruleId: id, reason: "network", detail: `the source address is in none of ${rule.rule.networks.join(", ")}` };
  }
  // MatchesSubjects: an anonymous request skips the subject check (and gets the rule's policy,
  // which for a subjects rule means "sign in first").
  if (!isAnonymous(subject) && !subjectMatchesExact(rule, subject)) {
    const alts = rule.rule.subjects.map((a) => a.join(" and ")).join(" or ");
    return { ruleId: id, reason: "subject", detail: `${subject.username} is not ${alts}` };
  }
  return null;
}

/** isAuthzResult with the session's authentication level (0 anonymous, 1 one factor, 2 two factors). */
export function outcomeFor(policy: Policy, level: 0 | 1 | 2, ruleHasSubjects: boolean): Outcome {
  if (policy === "bypass") return "allowed";
  if (policy === "deny") return level !== 0 || !ruleHasSubjects ? "forbidden" : "sign-in";
  if (policy === "one_factor") return level >= 1 ? "allowed" : "sign-in";
  return level >= 2 ? "allowed" : "sign-in";
}

export interface AccessControl {
  readonly rules: readonly AutheliaRule[];
  readonly defaultPolicy: Policy;
  /** With `trace: false` only the decision is computed (faster: rules for other hosts are skipped). */
  decide(request: AccessRequest, options?: { trace?: boolean }): Decision;
  /** The rules whose domains could match this host for some subject (used by the checker). */
  rulesForHost(host: string): readonly AutheliaRule[];
}

/** Compile once (patterns are cached), then ask many questions. Rules are used in the order given. */
export function createAccessControl(rules: readonly AutheliaRule[], defaultPolicy: Policy): AccessControl {
  const compiled = rules.map(compileRule);
  // Rules with only exact domains can match just those hosts: index them by host, so a question
  // tries only its host's rules plus the wildcard/placeholder/domainless ones, still in order.
  const byHost = new Map<string, number[]>();
  const everywhere: number[] = [];
  compiled.forEach((r, i) => {
    if (r.domains.length === 0 || r.domains.some((d) => d.kind !== "exact")) {
      everywhere.push(i);
      return;
    }
    for (const name of new Set(r.domains.map((d) => d.name))) {
      const list = byHost.get(name);
      if (list) list.push(i);
      else byHost.set(name, [i]);
    }
  });
  const candidates = (domain: string): number[] => {
    const exact = byHost.get(domain.toLowerCase()) ?? [];
    if (everywhere.length === 0) return exact;
    if (exact.length === 0) return everywhere;
    const merged: number[] = [];
    let a = 0;
    let b = 0;
    while (a < exact.length || b < everywhere.length) {
      if (b >= everywhere.length || (a < exact.length && exact[a] < everywhere[b])) merged.push(exact[a++]);
      else merged.push(everywhere[b++]);
    }
    return merged;
  };
  return {
    rules,
    defaultPolicy,
    decide(request, options = {}) {
      const traced = options.trace !== false;
      const built = requestObject(request);
      const level: 0 | 1 | 2 = request.user ? (request.user.level === "one_factor" ? 1 : 2) : 0;
      const ip = parseIp(request.sourceIp);
      const subject: Subject = { username: request.user?.name ?? "", groups: request.user?.groups ?? [], ip };
      if (!built.ok || ip === null) {
        const problem = !built.ok ? built.reason : `"${request.sourceIp}" is not an IP address.`;
        return { decision: "deny", matchedRule: null, ruleHasSubjects: false, outcome: "forbidden", object: built.ok ? built.object : null, trace: [], problem };
      }
      const trace: RuleMiss[] = [];
      const order = traced ? compiled.map((_, i) => i) : candidates(built.object.domain);
      for (const i of order) {
        const rule = compiled[i];
        const why = miss(rule, built.object, subject);
        if (why) {
          if (traced) trace.push(why);
          continue;
        }
        return {
          decision: rule.rule.policy,
          matchedRule: rule.rule.id,
          ruleHasSubjects: rule.hasSubjects,
          outcome: outcomeFor(rule.rule.policy, level, rule.hasSubjects),
          object: built.object,
          trace,
        };
      }
      return { decision: defaultPolicy, matchedRule: null, ruleHasSubjects: false, outcome: outcomeFor(defaultPolicy, level, false), object: built.object, trace };
    },
    rulesForHost(host) {
      const domain = host.toLowerCase();
      const anyone: Subject = { username: "", groups: [], ip: null };
      return candidates(domain)
        .map((i) => compiled[i])
        .filter((r) => r.domains.length === 0 || r.domains.some((d) => domainMatches(d, domain, anyone)))
        .map((r) => r.rule);
    },
  };
}

/** One question: the first matching rule (in the order given) and Authelia's answer. */
export function decide(rules: readonly AutheliaRule[], defaultPolicy: Policy, request: AccessRequest): Decision {
  return createAccessControl(rules, defaultPolicy).decide(request);
}
