// What switching a service off (or on again) would take with it, said in one sentence: the
// service editor's and the quick toggle's offer. Pure: derived from the checker's draft
// snapshot the page already has, so nothing extra is loaded or stored.
import type { CheckDraft } from "@/lib/checks/input";
import { fullHost } from "@/lib/checks/authelia/homey";

export interface DependentsOffer {
  /** Full host names of the vhosts that would move. */
  hosts: string[];
  monitors: string[];
  /** "also stops routing vote.zakobar.com and pauses the Eurovision Vote monitor" */
  sentence: string;
}

const list = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/**
 * Switching off offers the enabled vhosts and monitors linked to the service; switching on
 * offers every disabled one linked to it (what setDependentsEnabled restores). null when none.
 */
export function dependentsOffer(draft: CheckDraft, serviceId: number, switchingOn: boolean): DependentsOffer | null {
  const moves = (e: { serviceId: number | null; enabled: boolean }) => e.serviceId === serviceId && e.enabled !== switchingOn;
  const hosts = draft.virtualHosts.filter(moves).map((v) => fullHost(v.subdomain, draft.domain));
  const monitors = draft.monitors.filter(moves).map((m) => m.name);
  if (hosts.length === 0 && monitors.length === 0) return null;
  const parts: string[] = [];
  const m = monitors.length === 1 ? `the ${monitors[0]} monitor` : `the monitors ${list(monitors)}`;
  if (switchingOn) {
    if (hosts.length) parts.push(`routes ${list(hosts)} again`);
    if (monitors.length) parts.push(`resumes ${m}`);
  } else {
    if (hosts.length) parts.push(`stops routing ${list(hosts)}`);
    if (monitors.length) parts.push(`pauses ${m}`);
  }
  return { hosts, monitors, sentence: `also ${parts.join(" and ")}` };
}
