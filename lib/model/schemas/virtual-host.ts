import { z } from "zod";
import { checkbox, integer, optionalServiceId, subdomain } from "./fields";
import { VHOST_AUTH } from "./choices";

export { VHOST_AUTH };

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** RFC 1123 host name: dot-separated labels of up to 63 characters, 253 in all. */
function isHostName(h: string): boolean {
  return h.length <= 253 && h.split(".").every((label) => HOST_LABEL.test(label)) && !/^[\d.]+$/.test(h);
}

/** IPv6, bare or in brackets; the WHATWG URL parser (browser and Node alike) is the judge. */
function isIpv6(h: string): boolean {
  const bare = h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
  if (!/^[0-9A-Fa-f:.]+$/.test(bare) || !bare.includes(":")) return false;
  try {
    new URL(`http://[${bare}]/`);
    return true;
  } catch {
    return false;
  }
}

const upstreamHost = z
  .string()
  .trim()
  .default("127.0.0.1")
  .refine((h) => h.length <= 253, { message: "A host name is at most 253 characters." })
  .refine((h) => h.length > 253 || IPV4.test(h) || isIpv6(h) || isHostName(h), {
    message: "Use a host name or an IP address (e.g. 127.0.0.1, ::1 or nextcloud), without a scheme or port.",
  });

export const virtualHostSchema = z.object({
  subdomain,
  upstreamPort: integer("Port", 1, 65535),
  upstreamHost,
  auth: z.enum(VHOST_AUTH, { error: "Choose authelia or none." }),
  enabled: checkbox,
  serviceId: optionalServiceId,
});

export type VirtualHostInput = z.infer<typeof virtualHostSchema>;
