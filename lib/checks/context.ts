// What every area's checks share, computed once per checkDraft call.
import type { CheckAccessRule, CheckDraft, CheckService, CheckVirtualHost, Viewer } from "./input";
import type { AccessControl } from "./authelia/engine";
import { autheliaDomain, fullHost, orderedRules, toAutheliaRules } from "./authelia/homey";
import { createAccessControl } from "./authelia/engine";

export interface CheckOptions {
  /**
   * The source address Authelia sees for Uptime Kuma's requests. Kuma runs on the Pi and its
   * requests come back in through Caddy locally, hence loopback by default.
   */
  monitorSourceIp?: string;
  /** The address the lockout guard asks from: outside homey's networks. */
  outsideIp?: string;
}

export interface CheckContext {
  draft: CheckDraft;
  viewer: Viewer;
  options: Required<CheckOptions>;
  control: AccessControl;
  /** Rules in Authelia's evaluation order. */
  rules: CheckAccessRule[];
  /** Position of each rule id in `rules`. */
  position: Map<number, number>;
  services: Map<number, CheckService>;
  /** Vhosts by subdomain label. */
  vhosts: Map<string, CheckVirtualHost>;
  host(label: string): string;
  describeRule(rule: CheckAccessRule): string;
}

export function createContext(draft: CheckDraft, viewer: Viewer, options: CheckOptions = {}): CheckContext {
  const rules = orderedRules(draft.accessRules);
  const control = createAccessControl(toAutheliaRules(draft), draft.defaultPolicy);
  const host = (label: string) => (label === "*" ? autheliaDomain("*", draft.domain) : fullHost(label, draft.domain));
  return {
    draft,
    viewer,
    options: { monitorSourceIp: options.monitorSourceIp ?? "127.0.0.1", outsideIp: options.outsideIp ?? "203.0.113.10" },
    control,
    rules,
    position: new Map(rules.map((r, i) => [r.id, i])),
    services: new Map(draft.services.map((s) => [s.id, s])),
    vhosts: new Map(draft.virtualHosts.map((v) => [v.subdomain, v])),
    host,
    describeRule: (r) => `the ${r.policy} rule at priority ${r.priority} for ${r.domains.map(host).join(", ") || "no domain"}${r.resources.length ? ` (${r.resources.join(", ")})` : ""}`,
  };
}
