// The validation rules of every entity schema: each bad value is refused with a message
// on the field it is about (that is where the form shows it).
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { accessRuleSchema, priorityRangeWarning, regexProblem } from "./schemas/access-rule";
import { backupPathSchema, pathProblem } from "./schemas/backup-path";
import { monitorSchema, targetProblem } from "./schemas/monitor";
import { serviceSchema } from "./schemas/service";
import { virtualHostSchema } from "./schemas/virtual-host";

/** field → messages, as the mutations and the form group them. */
function errorsOf(schema: ZodType, input: unknown): Record<string, string[]> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return errors;
}

/** Exactly one field is wrong, and its message matches. */
function expectOnly(schema: ZodType, input: unknown, field: string, message: RegExp) {
  const errors = errorsOf(schema, input);
  expect(Object.keys(errors)).toEqual([field]);
  expect(errors[field].join(" ")).toMatch(message);
}

function expectValid(schema: ZodType, input: unknown) {
  expect(errorsOf(schema, input)).toEqual({});
}

describe("virtualHostSchema", () => {
  const base = { subdomain: "grafana", upstreamPort: "3002", upstreamHost: "127.0.0.1", auth: "authelia", enabled: "on", serviceId: "" };

  it("accepts a form post and types it", () => {
    expect(virtualHostSchema.parse(base)).toEqual({
      subdomain: "grafana",
      upstreamPort: 3002,
      upstreamHost: "127.0.0.1",
      auth: "authelia",
      enabled: true,
      serviceId: null,
    });
  });

  it.each(["@", "a", "cloud", "x-1", "a".repeat(63), "  Grafana  "])("accepts the subdomain %j", (subdomain) => {
    expectValid(virtualHostSchema, { ...base, subdomain });
  });

  it.each(["", "-cloud", "cloud-", "a.b", "a_b", "*", "a".repeat(64), "grafana.zakobar.com", "@@"])(
    "refuses the subdomain %j at the subdomain field",
    (subdomain) => expectOnly(virtualHostSchema, { ...base, subdomain }, "subdomain", /DNS label/),
  );

  it.each(["1", "65535", 443])("accepts port %j", (upstreamPort) => expectValid(virtualHostSchema, { ...base, upstreamPort }));

  it.each([
    ["0", /at least 1/],
    ["65536", /at most 65535/],
    ["-1", /at least 1/],
    ["80.5", /whole number/],
    ["http", /whole number between 1 and 65535/],
    ["", /whole number between 1 and 65535/],
  ])("refuses port %j at the upstreamPort field", (upstreamPort, message) =>
    expectOnly(virtualHostSchema, { ...base, upstreamPort }, "upstreamPort", message),
  );

  it("refuses an upstream with a scheme at the upstreamHost field", () => {
    expectOnly(virtualHostSchema, { ...base, upstreamHost: "http://localhost" }, "upstreamHost", /without a scheme/);
  });

  it("refuses an unknown auth at the auth field", () => {
    expectOnly(virtualHostSchema, { ...base, auth: "basic" }, "auth", /authelia or none/);
  });
});

describe("accessRuleSchema", () => {
  const base = { priority: "22", domains: "grafana", resources: "", subjects: "group:admins", policy: "two_factor", methods: "", networks: "", note: "" };

  it("reads textareas one item per line; subjects are lines of comma-separated AND groups", () => {
    const parsed = accessRuleSchema.parse({
      ...base,
      domains: "Grafana\n\n@\n*",
      resources: "^/api/.*$\r\n^/admin$",
      subjects: "user:alice, group:admins\n  group:ops  \n",
      methods: "get\nPost",
      networks: "192.168.1.0/24\nfd00::/8",
    });
    expect(parsed).toMatchObject({
      priority: 22,
      domains: ["grafana", "@", "*"],
      resources: ["^/api/.*$", "^/admin$"],
      subjects: [["user:alice", "group:admins"], ["group:ops"]],
      methods: ["GET", "POST"],
      networks: ["192.168.1.0/24", "fd00::/8"],
    });
  });

  it.each(["0", "99", 50])("accepts priority %j", (priority) => expectValid(accessRuleSchema, { ...base, priority }));

  it.each([
    ["-1", /at least 0/],
    ["100", /at most 99/],
    ["2.5", /whole number/],
    ["", /whole number between 0 and 99/],
  ])("refuses priority %j at the priority field", (priority, message) =>
    expectOnly(accessRuleSchema, { ...base, priority }, "priority", message),
  );

  it("needs at least one domain, each a subdomain, @ or *", () => {
    expectOnly(accessRuleSchema, { ...base, domains: "\n \n" }, "domains", /at least one domain/);
    expectOnly(accessRuleSchema, { ...base, domains: "grafana\nbad_domain" }, "domains", /subdomain of the homey domain/);
  });

  it("accepts resource regexes that compile", () => {
    expectValid(accessRuleSchema, { ...base, resources: "^/admin([/?].*)?$\n^/api/(v1|v2)/" });
  });

  it("accepts what Authelia's Go RE2 accepts and JS RegExp would not: (?i), (?P<name>), \\pL", () => {
    expectValid(accessRuleSchema, { ...base, resources: "(?i)^/api\n^/users/(?P<user>\\w+)$\n^/\\pL+$" });
  });

  it("accepts WebDAV methods, as Nextcloud needs them", () => {
    expect(accessRuleSchema.parse({ ...base, methods: "PROPFIND\nmkcol\nLOCK" }).methods).toEqual(["PROPFIND", "MKCOL", "LOCK"]);
  });

  it.each([
    ["^/admin(", /not a valid Go \(RE2\) regular expression/],
    ["[a-", /not a valid Go \(RE2\) regular expression/],
    ["^/(?=admin)", /lookahead\/lookbehind/],
    ["^/(?!public)", /lookahead\/lookbehind/],
    ["(?<=x)y", /lookahead\/lookbehind/],
    ["(?<!x)y", /lookahead\/lookbehind/],
    ["(a)\\1", /backreferences/],
  ])("refuses the resource %j at the resources field", (resources, message) =>
    expectOnly(accessRuleSchema, { ...base, resources }, "resources", message),
  );

  it("names the failing regex in the message", () => {
    expect(regexProblem("^/ok$")).toBeNull();
    expect(regexProblem("^/admin(")).toContain('"^/admin("');
  });

  it("refuses bypass with subjects at the subjects field (Authelia rejects it)", () => {
    expectOnly(accessRuleSchema, { ...base, policy: "bypass" }, "subjects", /bypass rule with subjects/);
    expectValid(accessRuleSchema, { ...base, policy: "bypass", subjects: "" });
  });

  it("refuses subjects that are not user:/group: at the subjects field", () => {
    expectOnly(accessRuleSchema, { ...base, subjects: "admins" }, "subjects", /user:NAME or group:NAME/);
    expectOnly(accessRuleSchema, { ...base, subjects: "group:admins; user:bob" }, "subjects", /user:NAME or group:NAME/);
  });

  it("refuses an unknown policy, method or network at its field", () => {
    expectOnly(accessRuleSchema, { ...base, policy: "allow" }, "policy", /bypass, one_factor, two_factor or deny/);
    expectOnly(accessRuleSchema, { ...base, methods: "FETCH" }, "methods", /is not a method Authelia accepts/);
    expectOnly(accessRuleSchema, { ...base, networks: "10.0.0.0/8 lan" }, "networks", /prefix length/);
    // homey defines no named Authelia networks, so a name cannot resolve.
    expectOnly(accessRuleSchema, { ...base, networks: "internal" }, "networks", /internal/);
  });
});

describe("priorityRangeWarning", () => {
  it.each([
    [0, "bypass"],
    [10, "bypass"],
    [19, "bypass"],
    [20, "two_factor"],
    [21, "deny"],
    [49, "deny"],
    [50, "one_factor"],
    [64, "one_factor"],
    [65, "two_factor"],
    [79, "deny"],
  ] as const)("has nothing to say about %i %s", (priority, policy) => {
    expect(priorityRangeWarning(priority, policy)).toBeNull();
  });

  it.each([
    [0, "two_factor", /0 \(bypass\)/],
    [12, "one_factor", /10–19 \(blanket bypass\)/],
    [30, "bypass", /20–49 .* expects two_factor or deny/],
    [55, "two_factor", /50–64 \(one_factor open\)/],
    [5, "bypass", /outside homey's ranges/],
    [85, "deny", /outside homey's ranges/],
  ] as const)("warns about %i %s", (priority, policy, message) => {
    expect(priorityRangeWarning(priority, policy)).toMatch(message);
  });

  it("is a warning, not an error: the schema accepts a rule outside the ranges", () => {
    expectValid(accessRuleSchema, { priority: "30", domains: "x", subjects: "", policy: "one_factor" });
  });
});

describe("monitorSchema", () => {
  const base = { name: "Nextcloud", type: "http", target: "cloud/status.php", interval: "60", keyword: "", maxretries: "3", enabled: "on", serviceId: "4" };

  it("accepts a form post and types it", () => {
    expect(monitorSchema.parse(base)).toEqual({ ...base, interval: 60, maxretries: 3, enabled: true, serviceId: 4 });
  });

  it.each(["20", "86400"])("accepts interval %s", (interval) => expectValid(monitorSchema, { ...base, interval }));

  it.each([
    ["19", /at least 20/],
    ["0", /at least 20/],
    ["86401", /at most 86400/],
    ["1m", /whole number/],
  ])("refuses interval %j at the interval field", (interval, message) =>
    expectOnly(monitorSchema, { ...base, interval }, "interval", message),
  );

  it.each(["0", "10"])("accepts maxretries %s", (maxretries) => expectValid(monitorSchema, { ...base, maxretries }));

  it.each([
    ["-1", /at least 0/],
    ["11", /at most 10/],
    ["two", /whole number between 0 and 10/],
  ])("refuses maxretries %j at the maxretries field", (maxretries, message) =>
    expectOnly(monitorSchema, { ...base, maxretries }, "maxretries", message),
  );

  it("requires the keyword for keyword monitors only, at the keyword field", () => {
    expectOnly(monitorSchema, { ...base, type: "keyword", keyword: "   " }, "keyword", /keyword monitor needs the keyword/);
    expectValid(monitorSchema, { ...base, type: "keyword", keyword: '"installed":true' });
    expectValid(monitorSchema, { ...base, type: "http", keyword: "" });
  });

  it.each(["cloud/status.php", "status/", "status", "@/", "@/health", "https://example.org/health", "http://127.0.0.1:9090/-/healthy"])(
    "accepts the target %j",
    (target) => {
      expectValid(monitorSchema, { ...base, target });
      expect(targetProblem(target)).toBeNull();
    },
  );

  it.each([
    ["", /Give a target/],
    ["Cloud_Files/status.php", /Start with a subdomain/],
    ["cloud.zakobar.com/status.php", /Start with a subdomain/],
    ["ftp://example.org/", /Start with a subdomain/],
    ["https://", /does not parse/],
    ["cloud/status page", /cannot contain spaces/],
  ])("refuses the target %j at the target field", (target, message) =>
    expectOnly(monitorSchema, { ...base, target }, "target", message),
  );

  it("refuses an unknown type at the type field", () => {
    expectOnly(monitorSchema, { ...base, type: "ping" }, "type", /http or keyword/);
  });
});

describe("backupPathSchema", () => {
  const base = { path: "/var/lib/nextcloud", mode: "include", note: "", serviceId: "" };

  it.each(["/", "/var/lib/nextcloud", "/mnt/data/media", "/var/backup/nextcloud/db.sql", "  /srv/x  "])("accepts %j", (path) => {
    expectValid(backupPathSchema, { ...base, path });
  });

  it.each([
    ["var/lib/nextcloud", /absolute path/],
    ["~/backup", /absolute path/],
    ["", /absolute path/],
    ["/var/lib/../etc", /cannot contain \.\./],
    ["/..", /cannot contain \.\./],
    ["/var//lib", /normal form: \/var\/lib/],
    ["/var/lib/", /normal form: \/var\/lib$/],
    ["/var/./lib", /normal form: \/var\/lib/],
    ["/var/lib\n/etc", /line break/],
    ["/var/lib\r/etc", /line break/],
  ])("refuses %j at the path field", (path, message) => {
    expectOnly(backupPathSchema, { ...base, path }, "path", message);
    expect(pathProblem(path.trim())).not.toBeNull();
  });

  it("refuses a mode other than include/exclude at the mode field", () => {
    expectOnly(backupPathSchema, { ...base, mode: "skip" }, "mode", /include or exclude/);
  });
});

describe("serviceSchema", () => {
  const base = { name: "nextcloud", title: "Nextcloud", description: "", kind: "container", enabled: "on", stateDir: "/var/lib/nextcloud" };

  it("reads a form post: absent checkboxes are false", () => {
    expect(serviceSchema.parse(base)).toEqual({ ...base, enabled: true, unitName: "" });
    // Protection is not the form's to set (lib/model/protected.ts): the field is dropped.
    expect(serviceSchema.parse({ ...base, enabled: undefined, protected: "on" })).toEqual({ ...base, enabled: false, unitName: "" });
  });

  it.each(["Nextcloud", "1cloud", "next_cloud", "", "a".repeat(41)])("refuses the name %j at the name field", (name) =>
    expectOnly(serviceSchema, { ...base, name }, "name", /short slug/),
  );

  it("needs a title and a known kind", () => {
    expectOnly(serviceSchema, { ...base, title: " " }, "title", /Give the service a title/);
    expectOnly(serviceSchema, { ...base, kind: "vm" }, "kind", /container, native or external-flake/);
  });

  it("takes an empty or absolute, normalised state directory", () => {
    expectValid(serviceSchema, { ...base, stateDir: "" });
    expectOnly(serviceSchema, { ...base, stateDir: "var/lib/x" }, "stateDir", /absolute path/);
    expectOnly(serviceSchema, { ...base, stateDir: "/var/lib/../x" }, "stateDir", /cannot contain \.\./);
  });
});

describe("control characters", () => {
  const NUL = "\u0000";
  const vhost = { subdomain: "grafana", upstreamPort: "3002", upstreamHost: "127.0.0.1", auth: "authelia", enabled: "on", serviceId: "" };
  const rule = { priority: "22", domains: "grafana", resources: "", subjects: "group:admins", policy: "two_factor", methods: "", networks: "", note: "" };
  const monitor = { name: "Nextcloud", type: "http", target: "cloud/status.php", interval: "60", keyword: "", maxretries: "3", enabled: "on", serviceId: "" };
  const backup = { path: "/var/lib/nextcloud", mode: "include", note: "", serviceId: "" };
  const service = { name: "nextcloud", title: "Nextcloud", description: "", kind: "container", enabled: "on", stateDir: "" };
  const naming = /invisible NUL \(U\+0000\) at character \d+; remove it/;

  // Every free-text field of every entity, with a NUL in the middle: refused on that field.
  const cases: [string, ZodType, Record<string, string>, string, string][] = [
    ["service title", serviceSchema, service, "title", `Next${NUL}cloud`],
    ["service description", serviceSchema, service, "description", `Our ${NUL}files`],
    ["service state dir", serviceSchema, service, "stateDir", `/var/lib/next${NUL}cloud`],
    ["vhost subdomain", virtualHostSchema, vhost, "subdomain", `graf${NUL}ana`],
    ["vhost upstream host", virtualHostSchema, vhost, "upstreamHost", `127.0.0.1${NUL}`],
    ["rule domain", accessRuleSchema, rule, "domains", `graf${NUL}ana`],
    ["rule resource", accessRuleSchema, rule, "resources", `^/api${NUL}`],
    ["rule subject", accessRuleSchema, rule, "subjects", `group:adm${NUL}ins`],
    ["rule network", accessRuleSchema, rule, "networks", `192.168.1.0/24${NUL}`],
    ["rule method", accessRuleSchema, rule, "methods", `GET${NUL}`],
    ["rule note", accessRuleSchema, rule, "note", `why${NUL}`],
    ["monitor name", monitorSchema, monitor, "name", `Next${NUL}cloud`],
    ["monitor target", monitorSchema, monitor, "target", `cloud/status${NUL}.php`],
    ["monitor keyword", monitorSchema, { ...monitor, type: "keyword" }, "keyword", `ok${NUL}`],
    ["backup path", backupPathSchema, backup, "path", `/var/lib/${NUL}x`],
    ["backup note", backupPathSchema, backup, "note", `a${NUL}b`],
  ];
  for (const [what, schema, base, field, value] of cases) {
    it(`refuses a NUL in the ${what}, on that field`, () => {
      const errors = errorsOf(schema, { ...base, [field]: value });
      expect(Object.keys(errors)).toEqual([field]);
    });
  }

  it("names the character and where it is, for the free-text fields", () => {
    expectOnly(serviceSchema, { ...service, title: `Next${NUL}cloud` }, "title", naming);
    expectOnly(serviceSchema, { ...service, title: "Next\u001bcloud" }, "title", /invisible escape \(U\+001B\) at character 5/);
    expectOnly(monitorSchema, { ...monitor, name: "a\u007fb" }, "name", /DEL \(U\+007F\)/);
    expectOnly(accessRuleSchema, { ...rule, resources: `^/api${NUL}` }, "resources", /\^\/api\\u0000.*invisible NUL/);
  });

  it("keeps tab and line breaks in notes, but not in one-line fields", () => {
    expectValid(serviceSchema, { ...service, description: "first line\r\nsecond\tline" });
    expectValid(accessRuleSchema, { ...rule, note: "one\ntwo" });
    expectOnly(serviceSchema, { ...service, title: "Next\tcloud" }, "title", /invisible tab \(U\+0009\)/);
    expectOnly(monitorSchema, { ...monitor, keyword: "a\nb", type: "keyword" }, "keyword", /invisible line break/);
  });
});

describe("upstreamHost", () => {
  const base = { subdomain: "grafana", upstreamPort: "3002", upstreamHost: "127.0.0.1", auth: "authelia", enabled: "on", serviceId: "" };
  const host = (upstreamHost: string) => ({ ...base, upstreamHost });

  it("accepts host names up to 253 characters, IPv4 and IPv6", () => {
    for (const h of ["nextcloud", "db.internal.lan", "127.0.0.1", "::1", "[::1]", "fd00::12:1", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`]) {
      expectValid(virtualHostSchema, host(h));
    }
  });

  it("refuses a name longer than 253 characters with its own message", () => {
    const long = Array.from({ length: 5 }, () => "a".repeat(60)).join(".");
    expect(long.length).toBe(304);
    expectOnly(virtualHostSchema, host(long), "upstreamHost", /at most 253 characters/);
  });

  it("refuses labels over 63 characters, bad IPs and schemes or ports", () => {
    for (const h of [`${"a".repeat(64)}.lan`, "256.1.1.1", "1.2.3", "::g", "1:2:3:4:5:6:7:8:9", "http://x", "x:80", "a..b", "-a.lan"]) {
      expectOnly(virtualHostSchema, host(h), "upstreamHost", /host name or an IP address/);
    }
  });
});
