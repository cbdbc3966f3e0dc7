// IP addresses and networks as Authelia (Go's net package) reads them: utils.ParseHostCIDR for
// a rule's networks, net.IPNet.Contains for a request's address. Pure, so it runs in the browser.

/** 16 bytes; IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d), as Go's net.IP does. */
export type IpBytes = Uint8Array;

export interface IpNetwork {
  /** The masked network number: 4 bytes for an IPv4 network, 16 for IPv6 (Go's IPNet.IP after To4). */
  ip: Uint8Array;
  mask: Uint8Array;
  /** As typed, for messages. */
  text: string;
}

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** Dotted decimal as Go ≥ 1.17 accepts it: four fields 0–255, no leading zeros. */
function parseV4(s: string): number[] | null {
  const parts = s.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === "0")) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): number[] | null {
  if (s.includes("%")) return null; // zones are refused by net.ParseIP / ParseCIDR
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const fields = part.split(":");
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (i === fields.length - 1 && f.includes(".")) {
        const v4 = parseV4(f);
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(f)) return null;
        out.push(parseInt(f, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  let all: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return null;
    all = [...head, ...new Array<number>(fill).fill(0), ...tail];
  } else {
    if (head.length !== 8) return null;
    all = head;
  }
  const bytes: number[] = [];
  for (const g of all) bytes.push(g >> 8, g & 0xff);
  return bytes;
}

interface ParsedAddr {
  bytes: IpBytes;
  /** Written as IPv4 (netip's Is4); an IPv4-mapped IPv6 literal is not. */
  is4: boolean;
}

function parseAddr(s: string): ParsedAddr | null {
  const v4 = parseV4(s);
  if (v4) return { bytes: Uint8Array.from([...V4_PREFIX, ...v4]), is4: true };
  if (!s.includes(":")) return null;
  const v6 = parseV6(s);
  return v6 ? { bytes: Uint8Array.from(v6), is4: false } : null;
}

/** A request's source address, or null when it is not an IP address. */
export function parseIp(s: string): IpBytes | null {
  return parseAddr(s.trim())?.bytes ?? null;
}

/** Go's IP.To4: the 4 bytes of an IPv4 (or IPv4-mapped) address, else null. */
function to4(ip: Uint8Array): Uint8Array | null {
  if (ip.length === 4) return ip;
  for (let i = 0; i < 12; i++) if (ip[i] !== V4_PREFIX[i]) return null;
  return ip.subarray(12);
}

function cidrMask(ones: number, bits: number): Uint8Array {
  const mask = new Uint8Array(bits / 8);
  for (let i = 0; i < mask.length; i++) {
    const take = Math.max(0, Math.min(8, ones - i * 8));
    mask[i] = (0xff << (8 - take)) & 0xff;
  }
  return mask;
}

/** Go's net.ParseCIDR. */
function parseCidr(s: string): IpNetwork | string {
  const slash = s.indexOf("/");
  const addr = parseAddr(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!addr) return `"${s.slice(0, slash)}" is not an IP address`;
  const bits = addr.is4 ? 32 : 128;
  if (!/^\d+$/.test(bitsText) || Number(bitsText) > bits) return `/${bitsText} is not a prefix length for ${addr.is4 ? "IPv4 (0–32)" : "IPv6 (0–128)"}`;
  const mask = cidrMask(Number(bitsText), bits);
  const ip = addr.is4 ? addr.bytes.slice(12) : addr.bytes.slice();
  for (let i = 0; i < ip.length; i++) ip[i] &= mask[i];
  return normalizeNetwork(ip, mask, s);
}

/** Go's networkNumberAndMask: an IPv6 network whose number is IPv4-mapped acts as IPv4. */
function normalizeNetwork(ip: Uint8Array, mask: Uint8Array, text: string): IpNetwork {
  const four = to4(ip);
  if (four && ip.length === 16 && mask.length === 16) return { ip: four.slice(), mask: mask.slice(12), text };
  return { ip, mask, text };
}

/**
 * A rule's network entry, as utils.ParseHostCIDR reads it: "a.b.c.d/n", "v6::/n", or a single
 * address (→ /32 or /128). Returns the network or the reason it is not one.
 */
export function parseNetwork(text: string): IpNetwork | string {
  const s = text.trim();
  const slashes = s.split("/").length - 1;
  if (slashes === 1) return parseCidr(s);
  if (slashes > 1) return `"${s}" has more than one "/"`;
  const addr = parseAddr(s);
  if (!addr) return `"${s}" is not an IP address or CIDR range`;
  // ParseHostCIDR appends /32 when To4 succeeds (also for an IPv4-mapped literal), else /128.
  return parseCidr(`${s}/${to4(addr.bytes) ? 32 : 128}`);
}

/** Go's IPNet.Contains. */
export function networkContains(net: IpNetwork, ip: IpBytes): boolean {
  const x = to4(ip) ?? ip;
  if (x.length !== net.ip.length) return false;
  for (let i = 0; i < x.length; i++) if ((x[i] & net.mask[i]) !== net.ip[i]) return false;
  return true;
}

/** Every address of `inner` is in `outer` (used to prove one rule covers another). */
export function networkCovers(outer: IpNetwork, inner: IpNetwork): boolean {
  if (outer.ip.length !== inner.ip.length) return false;
  for (let i = 0; i < outer.mask.length; i++) {
    if ((outer.mask[i] & inner.mask[i]) !== outer.mask[i]) return false; // inner's prefix must be at least as long
    if ((inner.ip[i] & outer.mask[i]) !== outer.ip[i]) return false;
  }
  return true;
}
