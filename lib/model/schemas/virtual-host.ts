import { z } from "zod";
import { checkbox, integer, optionalServiceId, subdomain } from "./fields";

export const VHOST_AUTH = ["authelia", "none"] as const;

const upstreamHost = z
  .string()
  .trim()
  .default("127.0.0.1")
  .refine((h) => /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(h) || /^\[?[0-9A-Fa-f:.]+\]?$/.test(h), {
    message: "Use a host name or an IP address (e.g. 127.0.0.1 or nextcloud), without a scheme or port.",
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
