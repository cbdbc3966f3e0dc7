// Every finding the checker can return, described once. Codes are stable: the UI, the server
// guard and the docs refer to them. README.md holds the same table (a test keeps them equal).
import type { AreaName } from "@/lib/model/areas";

export type Severity = "error" | "warning" | "info";

export interface CodeInfo {
  severity: Severity;
  area: AreaName;
  /** One line: what it means. */
  summary: string;
}

export const FINDING_CODES = {
  "rule.bypass-with-subjects": { severity: "error", area: "accessRule", summary: "A bypass rule has subjects; Authelia refuses to start." },
  "rule.resource-invalid": { severity: "error", area: "accessRule", summary: "A resource is not a valid Go RE2 pattern; Authelia refuses to start." },
  "rule.method-invalid": { severity: "error", area: "accessRule", summary: "A method Authelia does not accept (or listed twice); Authelia refuses to start." },
  "rule.subject-invalid": { severity: "error", area: "accessRule", summary: "A subject is not user:NAME or group:NAME; Authelia refuses to start." },
  "rule.network-invalid": { severity: "error", area: "accessRule", summary: "A network is not an IP address or CIDR range (homey defines no named networks)." },
  "rule.no-domains": { severity: "error", area: "accessRule", summary: "A rule without domains; Authelia refuses to start." },
  "rule.priority-duplicate": { severity: "warning", area: "accessRule", summary: "Two rules share a priority, so their order is the renderer's tie-break, not the admin's choice." },
  "rule.shadowed": { severity: "warning", area: "accessRule", summary: "An earlier rule matches every request this rule could match; it never decides anything." },
  "rule.domain-without-vhost": { severity: "warning", area: "accessRule", summary: "A rule's domain has no enabled vhost; the rule has no effect there." },
  "rule.priority-range": { severity: "warning", area: "accessRule", summary: "The policy does not fit homey's priority range convention." },
  "vhost.no-rule-admits": { severity: "warning", area: "virtualHost", summary: "Auth is on but no rule admits anyone; the default policy decides every request." },
  "vhost.auth-off-rules-ignored": { severity: "warning", area: "virtualHost", summary: "Auth is off, so rules asking for sign-in on this host are never consulted." },
  "vhost.disabled-service": { severity: "warning", area: "virtualHost", summary: "An enabled vhost routes to a disabled service." },
  "vhost.upstream-shared": { severity: "warning", area: "virtualHost", summary: "Two enabled vhosts proxy to the same upstream host and port." },
  "monitor.disabled-service": { severity: "warning", area: "monitor", summary: "An enabled monitor watches a disabled service." },
  "monitor.behind-login": { severity: "warning", area: "monitor", summary: "The monitor's URL asks anonymous requests to sign in; Uptime Kuma sees the login page." },
  "monitor.denied": { severity: "warning", area: "monitor", summary: "The monitor's URL refuses anonymous requests; the monitor always fails." },
  "monitor.no-vhost": { severity: "warning", area: "monitor", summary: "The monitor targets a host of the domain that no enabled vhost serves." },
  "backup.state-not-covered": { severity: "warning", area: "service", summary: "A service's state directory is not in any backup include path." },
  "backup.state-partial": { severity: "info", area: "service", summary: "Only parts of a service's state directory are backed up." },
  "backup.state-excluded": { severity: "warning", area: "service", summary: "A service's state directory is included but an exclude path removes it." },
  "lockout.admin-vhost-missing": { severity: "error", area: "virtualHost", summary: "No vhost serves the dashboard's host." },
  "lockout.admin-vhost-disabled": { severity: "error", area: "virtualHost", summary: "The dashboard's vhost is disabled." },
  "lockout.admin-auth-off": { severity: "error", area: "virtualHost", summary: "The dashboard's vhost has auth off: no identity reaches the app, so nobody gets in." },
  "lockout.admin-unreachable": { severity: "error", area: "accessRule", summary: "Authelia would not let the signed-in admin reach the dashboard." },
  "lockout.admin-bypass": { severity: "error", area: "accessRule", summary: "A bypass rule decides the dashboard's host: it would be served without sign-in." },
  "lockout.protected-disabled": { severity: "error", area: "service", summary: "caddy, authelia, openldap or homey-admin (or another protected service) is switched off." },
  "lockout.protected-missing": { severity: "error", area: "service", summary: "caddy, authelia, openldap or homey-admin is missing from the draft." },
} as const satisfies Record<string, CodeInfo>;

export type FindingCode = keyof typeof FINDING_CODES;

/** The table as markdown, for README.md. */
export function codesMarkdown(): string {
  const lines = ["| code | severity | area | meaning |", "|---|---|---|---|"];
  for (const [code, info] of Object.entries(FINDING_CODES)) lines.push(`| \`${code}\` | ${info.severity} | ${info.area} | ${info.summary} |`);
  return lines.join("\n");
}
