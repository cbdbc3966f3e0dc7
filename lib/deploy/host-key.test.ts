import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostKeyPolicy, keyTypeOf, parseKnownHosts, sshFingerprint } from "./host-key";

let dir: string;
const keys: Record<string, { line: string; blob: Buffer; fingerprint: string }> = {};

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "homey-hostkey-"));
  for (const [name, type] of [
    ["ed", "ed25519"],
    ["ed2", "ed25519"],
    ["rsa", "rsa"],
  ]) {
    const file = path.join(dir, name);
    execFileSync("ssh-keygen", ["-q", "-t", type, ...(type === "rsa" ? ["-b", "2048"] : []), "-N", "", "-f", file]);
    const line = readFileSync(`${file}.pub`, "utf8").trim();
    const fingerprint = execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", `${file}.pub`]).toString().split(/\s+/)[1];
    keys[name] = { line: line.split(" ").slice(0, 2).join(" "), blob: Buffer.from(line.split(" ")[1], "base64"), fingerprint };
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("host key fingerprints", () => {
  it("match `ssh-keygen -lf` exactly (SHA256:, no padding)", () => {
    for (const key of Object.values(keys)) expect(sshFingerprint(key.blob)).toBe(key.fingerprint);
  });

  it("read the key type from the blob", () => {
    expect(keyTypeOf(keys.ed.blob)).toBe("ssh-ed25519");
    expect(keyTypeOf(keys.rsa.blob)).toBe("ssh-rsa");
  });
});

describe("known_hosts", () => {
  it("finds keys by host (port 22) and [host]:port, skipping others and markers", () => {
    const text = [
      "# comment",
      `pi.lan,10.0.0.2 ${keys.ed.line}`,
      `[pi.lan]:2222 ${keys.ed2.line}`,
      `other.lan ${keys.rsa.line}`,
      `@revoked pi.lan ${keys.rsa.line}`,
      "",
    ].join("\n");
    expect(parseKnownHosts(text, "pi.lan", 22).map((k) => k.fingerprint)).toEqual([keys.ed.fingerprint]);
    expect(parseKnownHosts(text, "10.0.0.2", 22).map((k) => k.fingerprint)).toEqual([keys.ed.fingerprint]);
    expect(parseKnownHosts(text, "pi.lan", 2222).map((k) => k.fingerprint)).toEqual([keys.ed2.fingerprint]);
    expect(parseKnownHosts(text, "nowhere", 22)).toEqual([]);
  });

  it("matches hashed host names (ssh-keygen -H)", () => {
    const file = path.join(dir, "known_hosts_hashed");
    writeFileSync(file, `[127.0.0.1]:2200 ${keys.ed.line}\n`);
    execFileSync("ssh-keygen", ["-H", "-f", file], { stdio: "ignore" });
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("|1|")).toBe(true);
    expect(parseKnownHosts(text, "127.0.0.1", 2200).map((k) => k.fingerprint)).toEqual([keys.ed.fingerprint]);
    expect(parseKnownHosts(text, "127.0.0.1", 22)).toEqual([]);
  });

  it("a policy from known_hosts accepts exactly the listed key and asks for its type", async () => {
    const file = path.join(dir, "known_hosts_rsa");
    writeFileSync(file, `[127.0.0.1]:2201 ${keys.rsa.line}\n`);
    const policy = await hostKeyPolicy({ kind: "known-hosts", file }, "127.0.0.1", 2201);
    expect(policy.accepts(keys.rsa.blob)).toBe(true);
    expect(policy.accepts(keys.ed.blob)).toBe(false);
    expect(policy.algorithms).toContain("rsa-sha2-512");
    expect(policy.expected).toEqual([`ssh-rsa ${keys.rsa.fingerprint}`]);
  });

  it("a fingerprint policy accepts only that key", async () => {
    const policy = await hostKeyPolicy({ kind: "fingerprint", fingerprint: keys.ed.fingerprint }, "h", 22);
    expect(policy.accepts(keys.ed.blob)).toBe(true);
    expect(policy.accepts(keys.ed2.blob)).toBe(false);
    expect(policy.algorithms).toEqual(["ssh-ed25519"]);
  });
});
