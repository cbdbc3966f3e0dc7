// Who is knocking, for rate limiting: the address a login attempt comes from. Pure.
// Behind Caddy every request arrives from the proxy's address, so the TCP peer alone would put
// every client in one bucket again. When the peer is a trusted proxy, the client is the last
// X-Forwarded-For entry: the one that proxy appended (Caddy replaces what an untrusted client
// sent). From any other peer, X-Forwarded-For is the client's own claim and is ignored.
import { isIP } from "node:net";
import { PEER_HEADER } from "./peer";
import { peerIsTrusted } from "./trust";

type Headers = Record<string, string | string[] | undefined> | undefined;

function header(headers: Headers, name: string): string {
  const value = headers?.[name];
  return (Array.isArray(value) ? value.join(",") : value ?? "").trim();
}

export function sourceAddress(headers: Headers, trustedProxies: string[]): string {
  const peer = header(headers, PEER_HEADER) || "unknown";
  if (!peerIsTrusted(peer, trustedProxies)) return peer;
  const forwarded = header(headers, "x-forwarded-for").split(",").map((s) => s.trim()).filter(Boolean);
  const client = forwarded.at(-1);
  return client && isIP(client) ? client : peer;
}
