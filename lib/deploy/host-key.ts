// Host key pinning for the ssh transport. ssh2 accepts ANY host key unless a hostVerifier
// says otherwise; this decides, from a pinned SHA256 fingerprint or a known_hosts file.
import "server-only";
import { createHash, createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { HostKeyPin } from "./config";

/** `ssh-keygen -lf` format: "SHA256:" + base64(sha256(key blob)) without "=" padding. */
export function sshFingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash("sha256").update(keyBlob).digest("base64").replace(/=+$/, "")}`;
}

/** The key type is the first string inside the blob (uint32 length + bytes). */
export function keyTypeOf(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return "unknown";
  const length = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + length).toString("latin1");
}

export interface KnownHostKey {
  type: string;
  blob: Buffer;
  fingerprint: string;
}

/** How known_hosts names a host: "host" on port 22, "[host]:port" otherwise. */
function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function nameMatches(field: string, wanted: string): boolean {
  if (field.startsWith("|1|")) {
    // Hashed entry: |1|base64(salt)|base64(HMAC-SHA1(salt, name)).
    const [, , salt, hash] = field.split("|");
    if (!salt || !hash) return false;
    return createHmac("sha1", Buffer.from(salt, "base64")).update(wanted).digest("base64") === hash;
  }
  // Comma-separated names; negations and wildcards are not supported: refuse rather than guess.
  return field.split(",").some((name) => name === wanted);
}

/** Keys known_hosts lists for host:port (revoked and CA lines excluded). */
export function parseKnownHosts(text: string, host: string, port: number): KnownHostKey[] {
  const wanted = hostPattern(host, port);
  const keys: KnownHostKey[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("@")) continue;
    const [names, type, base64] = line.split(/\s+/);
    if (!names || !type || !base64 || !nameMatches(names, wanted)) continue;
    const blob = Buffer.from(base64, "base64");
    if (keyTypeOf(blob) !== type) continue;
    keys.push({ type, blob, fingerprint: sshFingerprint(blob) });
  }
  return keys;
}

/** What the transport needs: which key types to ask for, and the verdict for a key. */
export interface HostKeyPolicy {
  /** Key algorithms to offer in the handshake, so the server presents the pinned type. */
  algorithms: string[];
  /** For messages: what we expected. */
  expected: string[];
  accepts(keyBlob: Buffer): boolean;
}

/** An RSA key signs with the SHA-2 algorithms; the rest are named like their key type. */
function signatureAlgorithms(keyType: string): string[] {
  return keyType === "ssh-rsa" ? ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] : [keyType];
}

export async function hostKeyPolicy(pin: HostKeyPin, host: string, port: number): Promise<HostKeyPolicy> {
  if (pin.kind === "fingerprint") {
    // A fingerprint does not say the key type: pin ed25519, what ssh-keyscan users pick and
    // what ssh2 prefers anyway.
    return {
      algorithms: ["ssh-ed25519"],
      expected: [pin.fingerprint],
      accepts: (blob) => sshFingerprint(blob) === pin.fingerprint,
    };
  }
  const known = parseKnownHosts(await readFile(pin.file, "utf8"), host, port);
  return {
    algorithms: [...new Set(known.flatMap((k) => signatureAlgorithms(k.type)))],
    expected: known.map((k) => `${k.type} ${k.fingerprint}`),
    accepts: (blob) => known.some((k) => k.blob.equals(blob)),
  };
}
