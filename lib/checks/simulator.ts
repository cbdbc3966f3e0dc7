// The policy simulator: the same engine as the checker, asked one question at a time or as a
// matrix (each enabled vhost × anonymous / admin-group member / signed-in non-admin).
import type { CheckDraft } from "./input";
import { draftAccessControl, fullHost } from "./authelia/homey";
import type { AccessControl, AccessRequest, Decision, Outcome, Policy, RequestUser } from "./authelia/engine";
import { splitUrl } from "./authelia/request";

import { OUTSIDE_IP } from "./outside-ip";

export { OUTSIDE_IP };

export interface SimulatorQuestion {
  /** A full URL ("https://grafana.zakobar.com/api?x=1"), or host/path/query below. */
  url?: string;
  host?: string;
  path?: string;
  query?: string;
  method?: string;
  sourceIp?: string;
  user?: RequestUser;
}

export type SimulatorAnswer =
  | (Decision & { host: string; behindAuthelia: boolean; vhostId: number | null })
  | { problem: string };

/** The vhost serving a host name, if the draft has one (enabled or not). */
function vhostFor(draft: CheckDraft, host: string) {
  const h = host.toLowerCase();
  return draft.virtualHosts.find((v) => fullHost(v.subdomain, draft.domain) === h) ?? null;
}

/**
 * Answers one question over a draft. `behindAuthelia` is false when Caddy serves the host
 * without forward auth (vhost auth off), in which case Authelia's decision is not consulted.
 */
export function simulate(draft: CheckDraft, question: SimulatorQuestion, control: AccessControl = draftAccessControl(draft)): SimulatorAnswer {
  let host = question.host ?? "";
  let path = question.path ?? "/";
  let query = question.query ?? "";
  if (question.url !== undefined) {
    const parts = splitUrl(question.url);
    if (!parts) return { problem: `"${question.url}" is not a URL; write it like https://grafana.${draft.domain}/path?query.` };
    ({ host, path, query } = parts);
  }
  if (host === "") return { problem: "Give a URL or a host name." };
  const request: AccessRequest = { host, path, query, method: question.method ?? "GET", sourceIp: question.sourceIp ?? OUTSIDE_IP, user: question.user };
  const decision = control.decide(request);
  if (decision.problem) return { problem: decision.problem };
  const vhost = vhostFor(draft, decision.object!.domain);
  return { ...decision, host: decision.object!.domain.toLowerCase(), behindAuthelia: vhost === null || vhost.auth === "authelia", vhostId: vhost?.id ?? null };
}

export type Persona = "anonymous" | "admin" | "member";
export const PERSONAS: readonly Persona[] = ["anonymous", "admin", "member"];

export interface MatrixOptions {
  /** The signed-in non-admin's groups; homey's ordinary accounts are in "users". */
  memberGroups?: string[];
  sourceIp?: string;
}

export interface MatrixCell {
  /** Authelia's level for the request, or "open" when Caddy does not ask Authelia (auth off). */
  decision: Policy | "open";
  outcome: Outcome;
  matchedRule: number | null;
}

export interface MatrixRow {
  vhostId: number;
  subdomain: string;
  host: string;
  cells: Record<Persona, MatrixCell>;
}

export function personaUser(persona: Persona, draft: Pick<CheckDraft, "adminGroup">, options: MatrixOptions = {}): RequestUser | undefined {
  if (persona === "anonymous") return undefined;
  if (persona === "admin") return { name: "matrix-admin", groups: [draft.adminGroup], level: "two_factor" };
  return { name: "matrix-member", groups: options.memberGroups ?? ["users"], level: "two_factor" };
}

/** GET https://<vhost>/ for each persona, over each enabled vhost, sorted by host. */
export function matrix(draft: CheckDraft, options: MatrixOptions = {}, control: AccessControl = draftAccessControl(draft)): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const v of draft.virtualHosts) {
    if (!v.enabled) continue;
    const host = fullHost(v.subdomain, draft.domain);
    const cell = (persona: Persona): MatrixCell => {
      if (v.auth === "none") return { decision: "open", outcome: "allowed", matchedRule: null };
      const d = control.decide({ host, path: "/", method: "GET", sourceIp: options.sourceIp ?? OUTSIDE_IP, user: personaUser(persona, draft, options) }, { trace: false });
      return { decision: d.decision, outcome: d.outcome, matchedRule: d.matchedRule };
    };
    rows.push({ vhostId: v.id, subdomain: v.subdomain, host, cells: { anonymous: cell("anonymous"), admin: cell("admin"), member: cell("member") } });
  }
  return rows.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
}

export interface MatrixChange {
  host: string;
  persona: Persona;
  /** null: the vhost is not served (absent or disabled) on that side. */
  before: MatrixCell | null;
  after: MatrixCell | null;
  sentence: string;
}

const WHO: Record<Persona, string> = {
  anonymous: "anonymous users",
  admin: "members of the admin group",
  member: "signed-in non-admins",
};

function reach(cell: MatrixCell | null): string {
  if (!cell) return "not served";
  if (cell.decision === "open") return "open without sign-in (auth off)";
  if (cell.outcome === "forbidden") return "refused";
  if (cell.outcome === "sign-in") return cell.decision === "deny" ? "asked to sign in, then refused" : `asked to sign in (${cell.decision})`;
  return cell.decision === "bypass" ? "let through without sign-in (bypass)" : `let in (${cell.decision})`;
}

/** True when the persona gets the page at all (without or after signing in). */
function canReach(cell: MatrixCell | null, persona: Persona): boolean {
  if (!cell) return false;
  if (cell.decision === "open" || cell.decision === "bypass") return true;
  // A signed-in persona already passed two factors; anonymous reaches only what needs no sign-in.
  return persona !== "anonymous" && cell.outcome === "allowed";
}

function sentence(host: string, persona: Persona, before: MatrixCell | null, after: MatrixCell | null): string {
  const who = WHO[persona];
  if (!before) return `${host} is new: ${who} will be ${reach(after)}.`;
  if (!after) return `this change stops serving ${host} (${who} were ${reach(before)}).`;
  const was = canReach(before, persona);
  const now = canReach(after, persona);
  if (!was && now) return `this change lets ${who} reach ${host} (${reach(after)}; before: ${reach(before)}).`;
  if (was && !now) return `this change stops ${who} from reaching ${host} (${reach(after)}; before: ${reach(before)}).`;
  return `for ${who}, ${host} changes from ${reach(before)} to ${reach(after)}.`;
}

const sameCell = (a: MatrixCell, b: MatrixCell) => a.decision === b.decision && a.outcome === b.outcome;

/** Cells that differ between the draft and HEAD (matched by host; rule ids may differ). */
export function diffMatrix(draftMatrix: readonly MatrixRow[], headMatrix: readonly MatrixRow[]): MatrixChange[] {
  const head = new Map(headMatrix.map((r) => [r.host, r]));
  const draft = new Map(draftMatrix.map((r) => [r.host, r]));
  const hosts = [...new Set([...draft.keys(), ...head.keys()])].sort();
  const changes: MatrixChange[] = [];
  for (const host of hosts) {
    for (const persona of PERSONAS) {
      const before = head.get(host)?.cells[persona] ?? null;
      const after = draft.get(host)?.cells[persona] ?? null;
      if (before && after && sameCell(before, after)) continue;
      changes.push({ host, persona, before, after, sentence: sentence(host, persona, before, after) });
    }
  }
  return changes;
}
