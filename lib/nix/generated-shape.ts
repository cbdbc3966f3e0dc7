// The values the renderer puts into template placeholders, as the evaluator reads them back.
// Placeholder names are the top-level keys; the option paths they land on live in the
// templates. Field names of list/attrset items are fixed by homey's submodules.
import { z } from "zod";
import type { NixExpr } from "./serializer";

const int = z.number().int();
const strings = z.array(z.string());

export const generatedServiceSchema = z.object({ enable: z.boolean() });

export const generatedVirtualHostSchema = z.object({
  host: z.string(),
  port: int,
  /** true = Authelia forward_auth in front of the vhost. */
  auth: z.boolean(),
});

/** Optional lists are left out when empty (homey's option defaults apply). */
export const generatedAccessRuleSchema = z.object({
  priority: int,
  domain: strings,
  policy: z.enum(["bypass", "one_factor", "two_factor", "deny"]),
  subject: z.array(strings).optional(),
  resources: strings.optional(),
  methods: strings.optional(),
  networks: strings.optional(),
});

/** keyword is left out when empty (plain http monitors). */
export const generatedMonitorSchema = z.object({
  name: z.string(),
  url: z.string(),
  interval: int,
  type: z.enum(["http", "keyword"]),
  keyword: z.string().optional(),
  maxretries: int,
});

export type GeneratedService = z.infer<typeof generatedServiceSchema>;
export type GeneratedVirtualHost = z.infer<typeof generatedVirtualHostSchema>;
export type GeneratedAccessRule = z.infer<typeof generatedAccessRuleSchema>;
export type GeneratedMonitor = z.infer<typeof generatedMonitorSchema>;

/** One entry per template placeholder. Attrsets are records keyed by user text. */
export interface GeneratedValues {
  services: Record<string, GeneratedService>;
  virtualHosts: Record<string, GeneratedVirtualHost>;
  accessControlRules: GeneratedAccessRule[];
  monitors: GeneratedMonitor[];
  extraPaths: string[];
  exclude: string[];
}

/** The same shape on the render side, where a string may be a domain-relative Nix string. */
export type Rendered<T> = T extends string
  ? string | NixExpr
  : T extends readonly (infer U)[]
    ? Rendered<U>[]
    : T extends object
      ? { [K in keyof T]: Rendered<T[K]> }
      : T;
