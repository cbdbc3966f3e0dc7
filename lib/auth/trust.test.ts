import { describe, expect, it } from "vitest";
import { identityFromHeaders, isAdmin, peerIsTrusted, trimHttpSpaces, type TrustSettings } from "./trust";

const settings: TrustSettings = { trustedProxies: ["127.0.0.1", "::1"], secretHeader: "x-homey-proxy-secret" };

function request(headers: Record<string, string>) {
  const h = new Headers(headers);
  return { get: (name: string) => h.get(name) };
}

describe("identityFromHeaders", () => {
  it("takes Remote-* headers from the trusted proxy", () => {
    const result = identityFromHeaders(
      request({ "x-homey-peer": "127.0.0.1", "remote-user": "alice", "remote-groups": "users, admins", "remote-name": "Alice A", "remote-email": "a@x.org" }),
      settings,
    );
    expect(result).toEqual({
      kind: "identity",
      identity: { user: "alice", groups: ["users", "admins"], name: "Alice A", email: "a@x.org", source: "proxy" },
    });
  });

  it("ignores the headers from any other peer, whatever X-Forwarded-For says", () => {
    const result = identityFromHeaders(
      request({ "x-homey-peer": "10.0.0.7", "x-forwarded-for": "127.0.0.1", "remote-user": "alice", "remote-groups": "admins" }),
      settings,
    );
    expect(result.kind).toBe("anonymous");
  });

  it("ignores the headers when the proxy secret is missing or wrong", () => {
    const withSecret = { ...settings, secret: "s3cret" };
    const base = { "x-homey-peer": "127.0.0.1", "remote-user": "alice", "remote-groups": "admins" };
    expect(identityFromHeaders(request(base), withSecret).kind).toBe("anonymous");
    expect(identityFromHeaders(request({ ...base, "x-homey-proxy-secret": "s3cret!" }), withSecret).kind).toBe("anonymous");
    expect(identityFromHeaders(request({ ...base, "x-homey-proxy-secret": "s3cret" }), withSecret).kind).toBe("identity");
  });

  it("takes Remote-Name only with a trusted Remote-User: alone, or from another peer, it names nobody", () => {
    const named = { "remote-user": "alice", "remote-groups": "admins", "remote-name": "Mallory the Admin" };
    expect(identityFromHeaders(request({ "x-homey-peer": "10.0.0.7", ...named }), settings).kind).toBe("anonymous");
    expect(identityFromHeaders(request({ "x-homey-peer": "127.0.0.1", "remote-name": "Mallory the Admin" }), settings).kind).toBe("anonymous");
    const secret = { ...settings, secret: "s3cret" };
    expect(identityFromHeaders(request({ "x-homey-peer": "127.0.0.1", ...named }), secret).kind).toBe("anonymous");
  });

  it("rejects two Remote-User values", () => {
    const result = identityFromHeaders(request({ "x-homey-peer": "127.0.0.1", "remote-user": "alice, mallory" }), settings);
    expect(result.kind).toBe("rejected");
  });

  it("is anonymous without Remote-User or with a blank one", () => {
    expect(identityFromHeaders(request({ "x-homey-peer": "127.0.0.1" }), settings).kind).toBe("anonymous");
    expect(identityFromHeaders(request({ "x-homey-peer": "127.0.0.1", "remote-user": "  " }), settings).kind).toBe("anonymous");
  });
});

describe("names are compared exactly, after trimming HTTP spaces only", () => {
  const from = (extra: Record<string, string>) => identityFromHeaders(request({ "x-homey-peer": "127.0.0.1", ...extra }), settings);
  const identity = (extra: Record<string, string>) => {
    const result = from(extra);
    if (result.kind !== "identity") throw new Error(`expected an identity, got ${result.kind}: ${result.reason}`);
    return result.identity;
  };

  it("keeps a no-break space in a group name, so it is not the admin group", () => {
    // Node hands header bytes over as latin1: byte A0 arrives as U+00A0, which JS trim() strips.
    const nbsp = "admins\u00a0";
    const { groups } = identity({ "remote-user": "alice", "remote-groups": `users,${nbsp}` });
    expect(groups).toEqual(["users", nbsp]);
    expect(isAdmin({ user: "alice", groups, name: "", email: "", source: "proxy" }, "admins")).toBe(false);
  });

  it("trims the spaces and tabs around list items and names", () => {
    const result = identity({ "remote-user": "alice", "remote-groups": "users ,\tadmins\t, ops" });
    expect(result.groups).toEqual(["users", "admins", "ops"]);
    expect(isAdmin(result, "admins")).toBe(true);
  });

  it("keeps a no-break space in the user name", () => {
    const nbspUser = "alice\u00a0";
    expect(identity({ "remote-user": nbspUser }).user).toBe(nbspUser);
  });
});

describe("trimHttpSpaces", () => {
  it("strips only ASCII space and tab at both ends", () => {
    expect(trimHttpSpaces(" \t admins \t ")).toBe("admins");
    expect(trimHttpSpaces("\u00a0admins\u2003")).toBe("\u00a0admins\u2003");
    expect(trimHttpSpaces("ad mins")).toBe("ad mins");
    expect(trimHttpSpaces("\nadmins")).toBe("\nadmins");
  });
});

describe("peerIsTrusted", () => {
  it("matches exact addresses and IPv4 CIDR ranges", () => {
    expect(peerIsTrusted("127.0.0.1", ["127.0.0.1"])).toBe(true);
    expect(peerIsTrusted("10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(peerIsTrusted("11.1.2.3", ["10.0.0.0/8"])).toBe(false);
    expect(peerIsTrusted("", ["127.0.0.1"])).toBe(false);
    expect(peerIsTrusted("127.0.0.2", ["127.0.0.1"])).toBe(false);
  });
});

describe("isAdmin", () => {
  it("needs the configured group exactly", () => {
    const identity = { user: "a", groups: ["administrators"], name: "a", email: "", source: "proxy" as const };
    expect(isAdmin(identity, "admins")).toBe(false);
    expect(isAdmin({ ...identity, groups: ["admins"] }, "admins")).toBe(true);
  });
});
