// One draft that triggers each finding code and one that does not, over homey as seeded.
import { describe, expect, it } from "vitest";
import { checkDraft, blockingFindings } from "./findings";
import { FINDING_CODES, codesMarkdown, type FindingCode } from "./codes";
import { homeyDraft, HOMEY_VIEWER } from "./homey-fixture";
import type { CheckAccessRule, CheckDraft } from "./input";
import { readFileSync } from "node:fs";
import path from "node:path";

type Mutate = (d: CheckDraft) => void;

const rule = (id: number, r: Partial<CheckAccessRule>): CheckAccessRule => ({ id, priority: 70, domains: ["vote"], resources: [], subjects: [], policy: "deny", methods: [], networks: [], note: "", ...r });
const byName = (d: CheckDraft, name: string) => d.services.find((s) => s.name === name)!;
const vhost = (d: CheckDraft, sub: string) => d.virtualHosts.find((v) => v.subdomain === sub)!;
const monitor = (d: CheckDraft, name: string) => d.monitors.find((m) => m.name === name)!;
const addRule = (r: Partial<CheckAccessRule>): Mutate => (d) => void d.accessRules.push(rule(100 + d.accessRules.length, r));

function run(mutate: Mutate) {
  const d = homeyDraft();
  mutate(d);
  return checkDraft(d, HOMEY_VIEWER);
}

const none: Mutate = () => {};
/** A vhost with auth on and no rule: the default policy (deny) answers everyone. */
const addJellyfin: Mutate = (d) => void d.virtualHosts.push({ id: 50, subdomain: "jellyfin", upstreamHost: "127.0.0.1", upstreamPort: 8096, auth: "authelia", enabled: true, serviceId: null });

/** [code, a draft that triggers it, a similar draft that does not, the entity it names] */
const CASES: [FindingCode, Mutate, Mutate, number | null][] = [
  ["rule.bypass-with-subjects", addRule({ id: 0, policy: "bypass", subjects: [["group:admins"]] }), addRule({ policy: "bypass" }), null],
  ["rule.resource-invalid", addRule({ resources: ["^/(?=api)"] }), addRule({ resources: ["(?i)^/api"] }), null],
  ["rule.method-invalid", addRule({ methods: ["HOP"] }), addRule({ methods: ["PROPFIND", "MKCOL"] }), null],
  ["rule.subject-invalid", addRule({ subjects: [["admins"]] }), addRule({ subjects: [["group:admins", "user:ada"]] }), null],
  ["rule.network-invalid", addRule({ networks: ["lan"] }), addRule({ networks: ["192.168.1.0/24", "fd00::/8"] }), null],
  ["rule.no-domains", addRule({ domains: [] }), addRule({ domains: ["vote"] }), null],
  ["rule.priority-duplicate", addRule({ priority: 67, subjects: [["group:friends"]], policy: "one_factor" }), addRule({ priority: 68, subjects: [["group:friends"]], policy: "one_factor" }), 13],
  // vote's "users" rule (67) is followed by a narrower one: shadowed. Narrowed by a resource the earlier lacks... still shadowed;
  // a broader subject set (no subjects) is not covered by the earlier rule.
  ["rule.shadowed", addRule({ priority: 70, subjects: [["group:users", "group:admins"]], policy: "two_factor" }), addRule({ priority: 70, policy: "deny" }), null],
  ["rule.domain-without-vhost", addRule({ domains: ["jellyfin"], priority: 26, policy: "two_factor", subjects: [["group:admins"]] }), addRule({ domains: ["vote"], priority: 68, policy: "deny" }), null],
  ["rule.priority-range", addRule({ priority: 52, policy: "deny", domains: ["vote"] }), addRule({ priority: 52, policy: "one_factor", domains: ["vote"] }), null],
  ["vhost.no-rule-admits", (d) => void d.virtualHosts.push({ id: 50, subdomain: "jellyfin", upstreamHost: "127.0.0.1", upstreamPort: 8096, auth: "authelia", enabled: true, serviceId: null }),
    (d) => { d.virtualHosts.push({ id: 50, subdomain: "jellyfin", upstreamHost: "127.0.0.1", upstreamPort: 8096, auth: "authelia", enabled: true, serviceId: null }); addRule({ domains: ["jellyfin"], priority: 55, policy: "one_factor" })(d); }, 50],
  ["vhost.auth-off-rules-ignored", (d) => { vhost(d, "vote").auth = "none"; }, none, 7],
  ["vhost.disabled-service", (d) => { byName(d, "eurovote").enabled = false; }, (d) => { byName(d, "eurovote").enabled = false; vhost(d, "vote").enabled = false; }, 7],
  ["vhost.upstream-shared", (d) => { vhost(d, "vote").upstreamPort = 3002; }, (d) => { vhost(d, "vote").upstreamPort = 8001; }, 7],
  ["monitor.disabled-service", (d) => { byName(d, "eurovote").enabled = false; }, (d) => { byName(d, "eurovote").enabled = false; monitor(d, "Eurovision Vote").enabled = false; }, 5],
  ["monitor.behind-login", none, (d) => { d.monitors = d.monitors.filter((m) => m.name === "Grafana"); addRule({ priority: 19, domains: ["grafana"], resources: ["^/api/health$"], policy: "bypass" })(d); }, 2],
  ["monitor.denied", (d) => { addJellyfin(d); monitor(d, "Grafana").target = "jellyfin/health"; }, (d) => { addJellyfin(d); monitor(d, "Grafana").target = "status/"; }, 2],
  ["monitor.no-vhost", (d) => { monitor(d, "Grafana").target = "jellyfin/health"; }, (d) => { monitor(d, "Grafana").target = "http://127.0.0.1:8096/health"; }, 2],
  ["backup.state-not-covered", none, (d) => void d.backupPaths.push({ id: 90, path: "/var/lib/caddy", mode: "include", serviceId: 1 }, { id: 91, path: "/var/lib/prometheus2", mode: "include", serviceId: 6 }), 1],
  ["backup.state-partial", none, (d) => void d.backupPaths.push({ id: 90, path: "/var/lib/nextcloud", mode: "include", serviceId: 13 }), 13],
  ["backup.state-excluded", (d) => void d.backupPaths.push({ id: 90, path: "/var/lib/grafana", mode: "exclude", serviceId: null }), (d) => void d.backupPaths.push({ id: 90, path: "/var/lib/grafana/cache", mode: "exclude", serviceId: null }), 9],
  ["lockout.admin-vhost-missing", (d) => { d.virtualHosts = d.virtualHosts.filter((v) => v.subdomain !== "admin"); }, none, null],
  ["lockout.admin-vhost-disabled", (d) => { vhost(d, "admin").enabled = false; }, none, 2],
  ["lockout.admin-auth-off", (d) => { vhost(d, "admin").auth = "none"; }, none, 2],
  ["lockout.admin-unreachable", addRule({ priority: 1, domains: ["*"], policy: "deny" }), addRule({ priority: 1, domains: ["vote"], policy: "deny" }), null],
  ["lockout.admin-bypass", addRule({ priority: 1, domains: ["admin"], policy: "bypass" }), addRule({ priority: 1, domains: ["admin"], resources: ["^/nothing-here$"], policy: "bypass" }), null],
  ["lockout.protected-disabled", (d) => { byName(d, "openldap").enabled = false; }, (d) => { byName(d, "grafana").enabled = false; }, 3],
  ["lockout.protected-missing", (d) => { d.services = d.services.filter((s) => s.name !== "authelia"); }, none, null],
];

describe("finding codes", () => {
  it("covers every code in the table", () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(Object.keys(FINDING_CODES)));
  });

  describe.each(CASES)("%s", (code, trigger, clean, entityId) => {
    it("is found when the draft has the mistake", () => {
      const found = run(trigger).filter((f) => f.code === code);
      expect(found.length).toBeGreaterThan(0);
      expect(found[0].severity).toBe(FINDING_CODES[code].severity);
      expect(found[0].message.length).toBeGreaterThan(20);
      if (entityId !== null) expect(found.map((f) => f.entityId)).toContain(entityId);
    });
    it("is not found in the similar draft without it", () => {
      expect(run(clean).filter((f) => f.code === code)).toEqual([]);
    });
  });
});

describe("messages name what matters", () => {
  it("shadowed names the earlier rule", () => {
    const f = run(addRule({ priority: 70, subjects: [["group:users", "group:admins"]], policy: "two_factor" })).find((x) => x.code === "rule.shadowed")!;
    expect(f.message).toContain("the one_factor rule at priority 67 for vote.zakobar.com");
  });
  it("no-rule-admits says which policy decides", () => {
    const d = homeyDraft();
    d.virtualHosts.push({ id: 50, subdomain: "jellyfin", upstreamHost: "127.0.0.1", upstreamPort: 8096, auth: "authelia", enabled: true, serviceId: null });
    expect(checkDraft(d, HOMEY_VIEWER).find((f) => f.code === "vhost.no-rule-admits")!.message).toMatch(/default policy \(deny\) decides every request: nobody gets in/);
    d.defaultPolicy = "one_factor";
    expect(checkDraft(d, HOMEY_VIEWER).find((f) => f.code === "vhost.no-rule-admits")!.message).toMatch(/every signed-in user gets in \(one_factor\)/);
  });
  it("lockout findings say what happens and ask for the typed host name", () => {
    for (const f of run((d) => { vhost(d, "admin").enabled = false; byName(d, "caddy").enabled = false; }).filter((x) => x.code.startsWith("lockout."))) {
      expect(f.severity).toBe("error");
      expect(f.confirm).toBe("admin.zakobar.com");
      expect(f.message).toContain("type admin.zakobar.com to confirm");
    }
  });
});

describe("shadowing is claimed only when sound", () => {
  const shadowedIds = (m: Mutate) => run(m).filter((f) => f.code === "rule.shadowed").map((f) => f.entityId);
  it("not when the later rule has a method the earlier lacks", () => {
    expect(shadowedIds((d) => { addRule({ priority: 1, domains: ["vote"], methods: ["GET"], policy: "bypass" })(d); addRule({ priority: 2, domains: ["vote"], methods: ["GET", "POST"], policy: "deny" })(d); })).toEqual([]);
  });
  it("not when the later rule covers the apex and the earlier only *", () => {
    expect(shadowedIds((d) => { addRule({ priority: 1, domains: ["*"], policy: "two_factor", subjects: [["group:admins"]] })(d); addRule({ priority: 2, domains: ["@"], policy: "deny" })(d); })).not.toContain(101);
  });
  it("yes when * with no restrictions comes first", () => {
    const ids = shadowedIds((d) => { d.accessRules = [rule(1, { priority: 1, domains: ["*"], policy: "deny" }), rule(2, { priority: 2, domains: ["vote", "grafana"], networks: ["10.0.0.0/8"], policy: "bypass" })]; });
    expect(ids).toEqual([2]);
  });
  it("yes for a narrower network inside the earlier one", () => {
    const ids = shadowedIds((d) => { d.accessRules = [rule(1, { priority: 1, networks: ["10.0.0.0/8"], policy: "bypass" }), rule(2, { priority: 2, networks: ["10.1.0.0/16"], policy: "one_factor" })]; });
    expect(ids).toEqual([2]);
  });
});

describe("homey as seeded", () => {
  it("has no errors (nothing blocks Apply)", () => {
    expect(blockingFindings(checkDraft(homeyDraft(), HOMEY_VIEWER))).toEqual([]);
  });
  it("locks out a viewer who is not an admin (the guard follows the viewer)", () => {
    expect(checkDraft(homeyDraft(), { user: "eve", groups: ["users"] }).map((f) => f.code)).toContain("lockout.admin-unreachable");
  });
});

describe("README", () => {
  it("holds the code table as codes.ts generates it", () => {
    const readme = readFileSync(path.join(__dirname, "README.md"), "utf8");
    expect(readme).toContain(codesMarkdown());
  });
});

describe("a fix that is a value for the field", () => {
  const codes = (d: CheckDraft) => checkDraft(d, HOMEY_VIEWER).map((f) => f.code);
  const only = (d: CheckDraft, code: FindingCode) => checkDraft(d, HOMEY_VIEWER).find((f) => f.code === code)!;

  it("turns the admin vhost's auth back on, and the finding goes", () => {
    const d = homeyDraft();
    vhost(d, "admin").auth = "none";
    const f = only(d, "lockout.admin-auth-off");
    expect(f).toMatchObject({ field: "auth", fixValue: "authelia" });
    vhost(d, "admin").auth = f.fixValue as "authelia";
    expect(codes(d)).not.toContain("lockout.admin-auth-off");
  });

  it("points a monitor behind the login at its upstream, which the monitor then reaches", () => {
    const d = homeyDraft();
    const f = only(d, "monitor.behind-login");
    const m = d.monitors.find((x) => x.id === f.entityId)!;
    expect(f.field).toBe("target");
    expect(f.fixValue).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    m.target = f.fixValue!;
    expect(checkDraft(d, HOMEY_VIEWER).filter((x) => x.entityId === m.id && x.area === "monitor").map((x) => x.code)).toEqual([]);
  });
});
