// The decision table: requests over rule sets, each with the level Authelia's authorizer
// returns. Groups follow internal/authorization/authorizer_test.go (authelia/authelia, master
// as of 2026-08), named after the Go test each one ports; the subjects are that file's John,
// Bob, Sam, Sally and AnonymousUser.
import { describe, expect, it } from "vitest";
import { createAccessControl, decide, type AutheliaRule, type Policy, type RequestUser } from "./engine";
import { splitUrl } from "./request";

interface Who {
  user?: RequestUser;
  ip: string;
}
const Anonymous: Who = { ip: "127.0.0.1" };
const John: Who = { user: { name: "john", groups: ["dev", "admins"] }, ip: "10.0.0.8" };
const Bob: Who = { user: { name: "bob", groups: [] }, ip: "10.0.0.7" };
const Sam: Who = { user: { name: "sam", groups: [] }, ip: "fec0::1" };
const Sally: Who = { user: { name: "sam", groups: ["dev", "admins"] }, ip: "fec0::2" };

type Rule = Partial<Omit<AutheliaRule, "id" | "policy">> & { policy: Policy };
type Case = [who: Who, url: string, method: string, expected: Policy];

function table(name: string, defaultPolicy: Policy, rules: Rule[], cases: Case[]) {
  const full: AutheliaRule[] = rules.map((r, i) => ({ id: i + 1, domains: [], resources: [], subjects: [], methods: [], networks: [], ...r }));
  describe(name, () => {
    it.each(cases.map((c) => [c[0].user?.name ?? "anonymous", c[2], c[1], c[3], c[0]] as const))("%s %s %s → %s", (_n, method, url, expected, who) => {
      const parts = splitUrl(url)!;
      const request = { host: parts.host, path: parts.path, query: parts.query, method, sourceIp: who.ip, user: who.user };
      const d = decide(full, defaultPolicy, request);
      expect(d.problem).toBeUndefined();
      expect(d.decision).toBe(expected);
      // The indexed path the checker uses (no trace) must decide the same.
      expect(createAccessControl(full, defaultPolicy).decide(request, { trace: false })).toMatchObject({ decision: expected, matchedRule: d.matchedRule });
    });
  });
}

let count = 0;
const counted = (name: string, def: Policy, rules: Rule[], cases: Case[]) => {
  count += cases.length;
  table(name, def, rules, cases);
};

// TestShouldCheckDefaultBypassConfig / TestShouldCheckDefaultDeniedConfig: no rules → default policy.
counted("default policy", "bypass", [], [
  [Anonymous, "https://public.example.com/", "GET", "bypass"],
  [John, "https://public.example.com/", "GET", "bypass"],
  [Bob, "https://public.example.com/elsewhere", "GET", "bypass"],
]);
counted("default deny", "deny", [], [
  [Anonymous, "https://public.example.com/", "GET", "deny"],
  [John, "https://public.example.com/", "GET", "deny"],
]);

// TestShouldCheckMultipleDomainRule: "*.example.com" is every subdomain, not the apex, not look-alikes.
counted("wildcard domains", "deny", [{ domains: ["*.example.com", "other.com"], policy: "bypass" }], [
  [John, "https://public.example.com/", "GET", "bypass"],
  [John, "https://private.example.com/", "GET", "bypass"],
  [John, "https://public.example.com/elsewhere", "GET", "bypass"],
  [John, "https://example.com/", "GET", "deny"],
  [John, "https://public.example.com.c/", "GET", "deny"],
  [John, "https://public.example.co/", "GET", "deny"],
  [John, "https://other.com/", "GET", "bypass"],
  [John, "https://private.other.com/", "GET", "deny"],
]);

// TestShouldCheckWildcardDomainRulePrecedenceIsCaseInsensitive: first match; domains fold case.
counted("wildcard precedence, case", "deny", [
  { domains: ["*.admin.example5.com"], policy: "two_factor" },
  { domains: ["*.example5.com"], policy: "bypass" },
], [
  [John, "https://secure.admin.example5.com/", "GET", "two_factor"],
  [John, "https://secure.ADMIN.example5.com/", "GET", "two_factor"],
  [John, "https://SECURE.ADMIN.EXAMPLE5.COM/", "GET", "two_factor"],
  [John, "https://public.example5.com/", "GET", "bypass"],
  [John, "https://public.EXAMPLE5.com/", "GET", "bypass"],
]);

// TestShouldCheckDomainMatching: ports are ignored; anonymous requests skip the subject check.
counted("domain matching with subjects", "deny", [
  { domains: ["public.example.com"], policy: "bypass" },
  { domains: ["one-factor.example.com"], policy: "one_factor" },
  { domains: ["two-factor.example.com"], policy: "two_factor" },
  { domains: ["*.example.com"], policy: "one_factor", subjects: [["group:admins"]] },
  { domains: ["*.example.com"], policy: "two_factor" },
], [
  [John, "https://public.example.com", "GET", "bypass"],
  [John, "https://public.example.com:8080/", "GET", "bypass"],
  [Bob, "https://public.example.com:8080", "GET", "bypass"],
  [Anonymous, "https://one-factor.example.com", "GET", "one_factor"],
  [Bob, "https://two-factor.example.com", "GET", "two_factor"],
  [John, "https://x.example.com", "GET", "one_factor"],
  [Bob, "https://x.example.com", "GET", "two_factor"],
  [Anonymous, "https://x.example.com", "GET", "one_factor"],
]);

// TestShouldCheckRulePrecedence (user rules; the oauth2 client cases are out of homey's model).
counted("rule precedence", "deny", [
  { domains: ["public.example.com"], policy: "bypass" },
  { domains: ["protected.example.com"], policy: "one_factor", subjects: [["user:john"]] },
  { domains: ["*.example.com"], policy: "two_factor" },
], [
  [John, "https://protected.example.com/", "GET", "one_factor"],
  [Bob, "https://protected.example.com/", "GET", "two_factor"],
  [Anonymous, "https://public.example.com/", "GET", "bypass"],
]);

// TestShouldCheckSubjectsMatching / TestShouldCheckMultipleSubjectsMatching: OR of ANDs.
counted("subjects OR", "deny", [{ domains: ["protected.example.com"], policy: "one_factor", subjects: [["group:admins"], ["user:bob"]] }], [
  [John, "https://protected.example.com/", "GET", "one_factor"],
  [Bob, "https://protected.example.com/", "GET", "one_factor"],
  [Sam, "https://protected.example.com/", "GET", "deny"],
  [Anonymous, "https://protected.example.com/", "GET", "one_factor"],
]);
counted("subjects AND", "deny", [{ domains: ["protected.example.com"], policy: "one_factor", subjects: [["group:admins", "user:bob"], ["group:admins", "group:dev"]] }], [
  [John, "https://protected.example.com/", "GET", "one_factor"],
  [Bob, "https://protected.example.com/", "GET", "deny"],
  [Anonymous, "https://protected.example.com/", "GET", "one_factor"],
]);

// TestShouldCheckIPMatching: single addresses (/32, /128), v4 and v6 CIDR.
counted("networks", "deny", [
  { domains: ["protected.example.com"], policy: "bypass", networks: ["192.168.1.8", "10.0.0.8"] },
  { domains: ["protected.example.com"], policy: "one_factor", networks: ["10.0.0.7"] },
  { domains: ["net.example.com"], policy: "two_factor", networks: ["10.0.0.0/8"] },
  { domains: ["ipv6.example.com"], policy: "two_factor", networks: ["fec0::1/64"] },
  { domains: ["ipv6-alt.example.com"], policy: "two_factor", networks: ["fec0::1"] },
], [
  [John, "https://protected.example.com/", "GET", "bypass"],
  [Bob, "https://protected.example.com/", "GET", "one_factor"],
  [Anonymous, "https://protected.example.com/", "GET", "deny"],
  [John, "https://net.example.com/", "GET", "two_factor"],
  [Anonymous, "https://net.example.com/", "GET", "deny"],
  [Sally, "https://ipv6-alt.example.com/", "GET", "deny"],
  [Sam, "https://ipv6-alt.example.com/", "GET", "two_factor"],
  [Sally, "https://ipv6.example.com/", "GET", "two_factor"],
]);

// TestShouldCheckMethodMatching, plus the WebDAV verbs the validator accepts (validRFC4918HTTPMethodVerbs).
counted("methods incl. WebDAV", "deny", [
  { domains: ["protected.example.com"], policy: "bypass", methods: ["OPTIONS", "HEAD", "GET", "CONNECT", "TRACE"] },
  { domains: ["protected.example.com"], policy: "one_factor", methods: ["PUT", "PATCH", "POST"] },
  { domains: ["protected.example.com"], policy: "two_factor", methods: ["DELETE"] },
  { domains: ["dav.example.com"], policy: "one_factor", methods: ["PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK"] },
], [
  [John, "https://protected.example.com/", "GET", "bypass"],
  [Anonymous, "https://protected.example.com/", "HEAD", "bypass"],
  [Bob, "https://protected.example.com/", "TRACE", "bypass"],
  [Anonymous, "https://protected.example.com/", "POST", "one_factor"],
  [Anonymous, "https://protected.example.com/", "DELETE", "two_factor"],
  [Anonymous, "https://protected.example.com/", "PROPFIND", "deny"],
  [Bob, "https://dav.example.com/remote.php/dav", "PROPFIND", "one_factor"],
  [Bob, "https://dav.example.com/remote.php/dav", "MKCOL", "one_factor"],
  [Bob, "https://dav.example.com/remote.php/dav", "GET", "deny"],
]);

// TestShouldCheckResourceMatching: unanchored search, case-sensitive, path cleaned after decoding.
counted("resources", "deny", [
  { domains: ["resource.example.com"], policy: "bypass", resources: ["^/case/[a-z]+$", "^/$"] },
  { domains: ["resource.example.com"], policy: "bypass", resources: ["^/bypass/.*$", "^/$", "embedded"] },
  { domains: ["resource.example.com"], policy: "one_factor", resources: ["^/one_factor/.*$"] },
  { domains: ["resource.example.com"], policy: "two_factor", resources: ["^/a/longer/rule/.*$"] },
  { domains: ["resource.example.com"], policy: "two_factor", resources: ["^/an/exact/path/$"] },
], [
  [John, "https://resource.example.com/", "GET", "bypass"],
  [John, "https://resource.example.com/bypass/abc", "GET", "bypass"],
  [John, "https://resource.example.com/one_factor/abc", "GET", "one_factor"],
  [John, "https://resource.example.com/xyz/embedded/abc", "GET", "bypass"],
  [John, "https://resource.example.com/case/abc", "GET", "bypass"],
  [John, "https://resource.example.com/case/ABC", "GET", "deny"],
  [John, "https://resource.example.com/an/exact/path/", "GET", "two_factor"],
  [John, "https://resource.example.com/bypass/../a/longer/rule/abc", "GET", "two_factor"],
  [John, "https://resource.example.com/bypass/..%2fa/longer/rule/abc", "GET", "two_factor"],
  [John, "https://resource.example.com/bypass/%2E%2E%2Fan/exact/path/", "GET", "two_factor"],
]);

// Resources see path + "?" + raw query (utils.URLPathFullClean, TestURLPathFullClean), Go RE2 syntax.
counted("resources with query strings", "deny", [
  { domains: ["app.example.com"], policy: "bypass", resources: ["^/api\\?token=[a-z]+$"] },
  { domains: ["app.example.com"], policy: "bypass", resources: ["^/share/?\\?"] },
  { domains: ["app.example.com"], policy: "one_factor", resources: ["(?i)^/PUBLIC"] },
  { domains: ["app.example.com"], policy: "two_factor" },
], [
  [Anonymous, "https://app.example.com/api?token=abc", "GET", "bypass"],
  [Anonymous, "https://app.example.com/api?token=abc&x=1", "GET", "two_factor"],
  [Anonymous, "https://app.example.com/api", "GET", "two_factor"],
  [Anonymous, "https://app.example.com/share/?id=1", "GET", "bypass"],
  [Anonymous, "https://app.example.com/share?id=1", "GET", "bypass"],
  [Anonymous, "https://app.example.com/public/x", "GET", "one_factor"],
  [Anonymous, "https://app.example.com/x?/PUBLIC", "GET", "two_factor"],
]);

// TestShouldMatchResourceWithSubjectRules: a subjects rule returns its policy to anonymous requests.
counted("resource + subjects", "deny", [
  { domains: ["public.example.com"], resources: ["^/admin/.*$"], subjects: [["group:admins"]], policy: "one_factor" },
  { domains: ["public.example.com"], resources: ["^/admin/.*$"], policy: "deny" },
  { domains: ["public.example.com"], policy: "bypass" },
  { domains: ["private.example.com"], subjects: [["group:admins"]], policy: "two_factor" },
], [
  [John, "https://public.example.com", "GET", "bypass"],
  [John, "https://public.example.com/admin/index.html", "GET", "one_factor"],
  [Bob, "https://public.example.com/admin/index.html", "GET", "deny"],
  [Anonymous, "https://public.example.com/admin/index.html", "GET", "one_factor"],
  [John, "https://private.example.com", "GET", "two_factor"],
  [Bob, "https://private.example.com", "GET", "deny"],
  [Anonymous, "https://private.example.com", "GET", "two_factor"],
]);

// TestShouldCheckResourceSubjectMatching: (?P<User>…) / (?P<Group>…) compare with the subject (case folded).
counted("identity resources", "deny", [
  { domains: ["id.example.com"], policy: "one_factor", resources: ["^/(?P<User>[a-zA-Z0-9]+)/personal(/|/.*)?$", "^/(?P<Group>[a-zA-Z0-9]+)/group(/|/.*)?$"] },
  { domains: ["id.example.com"], policy: "deny", resources: ["^/([a-zA-Z0-9]+)/personal(/|/.*)?$", "^/([a-zA-Z0-9]+)/group(/|/.*)?$"] },
  { domains: ["id.example.com"], policy: "bypass" },
], [
  [John, "https://id.example.com/John/personal", "GET", "one_factor"],
  [John, "https://id.example.com/bob/personal", "GET", "deny"],
  [Anonymous, "https://id.example.com/bob/personal", "GET", "one_factor"],
  [John, "https://id.example.com/dev/group", "GET", "one_factor"],
  [Bob, "https://id.example.com/dev/group", "GET", "deny"],
]);

// TestShouldMatchAnyDomainIfBlank.
counted("no domains", "deny", [
  { policy: "bypass", methods: ["GET"] },
  { policy: "two_factor", methods: ["DELETE"] },
], [
  [John, "https://one.domain-four.com", "GET", "bypass"],
  [Anonymous, "https://one.domain-two.com", "DELETE", "two_factor"],
  [Anonymous, "https://one.domain-two.com", "POST", "deny"],
]);

describe("the table", () => {
  it("has at least 60 requests over at least 10 rule sets", () => {
    expect(count).toBeGreaterThanOrEqual(60);
  });
});

describe("trace and outcome", () => {
  const rules: AutheliaRule[] = [
    { id: 7, domains: ["admin.example.com"], resources: [], subjects: [["group:admins"]], policy: "two_factor", methods: [], networks: [] },
    { id: 8, domains: ["admin.example.com"], resources: [], subjects: [], policy: "deny", methods: [], networks: [] },
    { id: 9, domains: ["private.example.com"], resources: [], subjects: [["group:admins"]], policy: "deny", methods: [], networks: [] },
  ];
  it("says why each earlier rule did not match", () => {
    const d = decide(rules, "deny", { host: "admin.example.com", sourceIp: "10.0.0.7", user: { name: "bob", groups: [] } });
    expect(d.matchedRule).toBe(8);
    expect(d.outcome).toBe("forbidden");
    expect(d.trace).toEqual([{ ruleId: 7, reason: "subject", detail: "bob is not group:admins" }]);
  });
  it("asks anonymous requests to sign in on a subjects rule, admits a signed-in admin", () => {
    expect(decide(rules, "deny", { host: "admin.example.com", sourceIp: "1.2.3.4" })).toMatchObject({ decision: "two_factor", outcome: "sign-in", matchedRule: 7 });
    expect(decide(rules, "deny", { host: "admin.example.com", sourceIp: "1.2.3.4", user: { name: "a", groups: ["admins"] } }).outcome).toBe("allowed");
    expect(decide(rules, "deny", { host: "admin.example.com", sourceIp: "1.2.3.4", user: { name: "a", groups: ["admins"], level: "one_factor" } }).outcome).toBe("sign-in");
  });
  it("answers an anonymous deny from a subjects rule with sign-in, not 403 (isAuthzResult)", () => {
    expect(decide(rules, "deny", { host: "private.example.com", sourceIp: "1.2.3.4" }).outcome).toBe("sign-in");
    expect(decide(rules, "deny", { host: "other.example.com", sourceIp: "1.2.3.4" }).outcome).toBe("forbidden");
  });
  it("refuses a request it cannot evaluate", () => {
    expect(decide(rules, "bypass", { host: "x.example.com", sourceIp: "not-an-ip" }).problem).toMatch(/not an IP address/);
    expect(decide(rules, "bypass", { host: "x.example.com", path: "/%zz", sourceIp: "1.2.3.4" }).problem).toMatch(/malformed %-escape/);
  });
  it("never matches a rule whose resource does not compile, and says so", () => {
    const bad: AutheliaRule[] = [{ id: 1, domains: ["a.example.com"], resources: ["(?=x)"], subjects: [], policy: "bypass", methods: [], networks: [] }];
    const d = decide(bad, "deny", { host: "a.example.com", sourceIp: "1.2.3.4" });
    expect(d.decision).toBe("deny");
    expect(d.trace[0].reason).toBe("invalid");
  });
});
