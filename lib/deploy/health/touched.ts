// Which monitors the health gate probes after a switch: those of the services the deployed
// commit touched, derived from generated/ before (the previously deployed commit) and
// after (this one). Simple on purpose:
//   - a monitor that is new or changed;
//   - a monitor of a service whose enable changed (its name, or its host's label, is the service's name);
//   - a monitor whose host is a vhost that was added or changed.
// Monitors gone from the new commit are not probed. Pure.
import type { DraftSnapshot, MonitorSnapshot } from "@/lib/model/snapshot";
import { monitorSubdomain } from "./probe-request";

type Parts = Pick<DraftSnapshot, "services" | "virtualHosts" | "monitors">;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function touchedMonitors(before: Parts | null, after: Parts, domain: string): { monitor: MonitorSnapshot; why: string }[] {
  const oldServices = new Map((before?.services ?? []).map((s) => [s.name, s.enabled]));
  const toggled = new Set(after.services.filter((s) => oldServices.get(s.name) !== s.enabled).map((s) => s.name));
  for (const [name] of oldServices) if (!after.services.some((s) => s.name === name)) toggled.add(name);
  const oldVhosts = new Map((before?.virtualHosts ?? []).map((v) => [v.subdomain, v]));
  const changedVhosts = new Set(after.virtualHosts.filter((v) => !same(oldVhosts.get(v.subdomain), v)).map((v) => v.subdomain));
  const oldMonitors = new Map((before?.monitors ?? []).map((m) => [m.name, m]));

  const touched: { monitor: MonitorSnapshot; why: string }[] = [];
  for (const monitor of after.monitors) {
    const label = monitorSubdomain(monitor.target, domain);
    if (!same(oldMonitors.get(monitor.name), monitor)) touched.push({ monitor, why: oldMonitors.has(monitor.name) ? "monitor changed" : "new monitor" });
    else if (toggled.has(monitor.name) || (label !== null && toggled.has(label))) touched.push({ monitor, why: `service ${toggled.has(monitor.name) ? monitor.name : label} switched` });
    else if (label !== null && changedVhosts.has(label)) touched.push({ monitor, why: `vhost ${label} changed` });
  }
  return touched;
}
