import { describe, expect, it } from "vitest";
import { methodProblem, methodsProblem, networkProblem, subjectProblem, AUTHELIA_METHODS } from "./syntax";
import { resourceProblem } from "./regex";
import { networkContains, parseIp, parseNetwork, networkCovers, type IpNetwork } from "./ip";
import { fullCleanPath, requestObject } from "./request";

describe("resource patterns (Go RE2 via re2js)", () => {
  it.each(["(?i)^/api", "(?P<user>\\w+)", "\\pL+", "[[:alpha:]]", "^/admin([/?].*)?$"])("accepts %s", (p) => expect(resourceProblem(p)).toBeNull());
  it("refuses lookaround with the reason", () => {
    expect(resourceProblem("^/(?=api)")).toMatch(/lookahead\/lookbehind .* not supported by Go's RE2.*invalid or unsupported Perl syntax: `\(\?=`/);
    expect(resourceProblem("(?<!x)y")).toMatch(/not supported by Go's RE2/);
  });
  it("refuses backreferences and broken patterns", () => {
    expect(resourceProblem("(a)\\1")).toMatch(/backreferences .*invalid escape sequence: `\\1`/);
    expect(resourceProblem("^/(api")).toMatch(/not a valid Go \(RE2\) regular expression: missing closing \)/);
  });
});

describe("methods", () => {
  it("accepts every method Authelia's validator lists, WebDAV included", () => {
    for (const m of AUTHELIA_METHODS) expect(methodProblem(m)).toBeNull();
    expect(AUTHELIA_METHODS).toContain("PROPFIND");
  });
  it("refuses unknown, lower-case and duplicate methods", () => {
    expect(methodProblem("HOP")).toMatch(/not a method Authelia accepts/);
    expect(methodProblem("propfind")).toMatch(/capitals: PROPFIND/);
    expect(methodsProblem(["GET", "GET"])).toMatch(/listed twice/);
    expect(methodsProblem(["GET", "MKCOL"])).toBeNull();
  });
});

describe("subjects", () => {
  it("accepts user: and group:", () => {
    expect(subjectProblem("user:john")).toBeNull();
    expect(subjectProblem("group:admins")).toBeNull();
  });
  it("refuses other forms", () => {
    expect(subjectProblem("admins")).toMatch(/user:NAME or group:NAME/);
    expect(subjectProblem("group:")).toMatch(/names no group/);
    expect(subjectProblem("oauth2:client:x")).toMatch(/OpenID Connect/);
  });
});

describe("networks", () => {
  it("accepts IPs and CIDRs, v4 and v6", () => {
    for (const n of ["10.0.0.7", "192.168.1.0/24", "fec0::1", "fd00::/8", "::ffff:10.0.0.0/104"]) expect(networkProblem(n)).toBeNull();
  });
  it("refuses names (homey defines none), bad prefixes and leading zeros", () => {
    expect(networkProblem("internal")).toMatch(/no network definition has that name/);
    expect(networkProblem("internal", ["internal"])).toBeNull();
    expect(networkProblem("10.0.0.0/33")).toMatch(/prefix length/);
    expect(networkProblem("010.0.0.1")).toMatch(/not an IP address/);
  });
  it("contains as Go's IPNet.Contains does", () => {
    const net = parseNetwork("192.168.1.5/24") as IpNetwork;
    expect(networkContains(net, parseIp("192.168.1.200")!)).toBe(true);
    expect(networkContains(net, parseIp("::ffff:192.168.1.9")!)).toBe(true); // IPv4-mapped is IPv4
    expect(networkContains(net, parseIp("192.168.2.1")!)).toBe(false);
    expect(networkContains(parseNetwork("fec0::1/64") as IpNetwork, parseIp("fec0::ffff:1")!)).toBe(true);
    expect(networkContains(parseNetwork("fec0::1/64") as IpNetwork, parseIp("10.0.0.1")!)).toBe(false);
    expect(networkCovers(parseNetwork("10.0.0.0/8") as IpNetwork, parseNetwork("10.1.0.0/16") as IpNetwork)).toBe(true);
    expect(networkCovers(parseNetwork("10.1.0.0/16") as IpNetwork, parseNetwork("10.0.0.0/8") as IpNetwork)).toBe(false);
  });
});

describe("the object Authelia matches (TestURLPathFullClean)", () => {
  it.each([
    ["/", "", "/"],
    ["/", "query=1&alt=2", "/?query=1&alt=2"],
    ["/test/", "", "/test/"],
    ["/test/", "query=1", "/test/?query=1"],
    ["/five/../test", "query=1", "/test?query=1"],
  ])("%s ? %s → %s", (path, query, expected) => expect(fullCleanPath(path, query)).toBe(expected));
  it("decodes %2f and %2e before cleaning, strips the port", () => {
    const r = requestObject({ host: "Example.com:8443", path: "/five/%2f%2e%2e%2f/test", query: "a=1" });
    expect(r).toEqual({ ok: true, object: { domain: "Example.com", path: "/test?a=1", method: "GET" } });
  });
});
