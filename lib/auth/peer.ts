// The TCP peer as set by server.ts; any client-sent copy of this header is deleted there.
export const PEER_HEADER = "x-homey-peer";

export function normalisePeer(address: string): string {
  if (address.startsWith("::ffff:")) return address.slice("::ffff:".length);
  return address;
}
