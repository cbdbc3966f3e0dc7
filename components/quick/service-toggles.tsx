"use client";
// The services with a big switch each. A toggle shows its new value at once (optimistic),
// saves it, and shows what the draft holds once the page has re-read it (toggleAction
// resolves after that); on a version conflict that is the other admin's value.
//
// Plain hooks only (no useOptimistic / useTransition): the page runs on Preact in the
// browser (components/quick/browser-entry.tsx), which has the React 18 set.
import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/errors/action-result";
import type { QuickService } from "@/lib/quick/quick-toggle";
import { PROTECTED_REASON } from "@/lib/model/protected";
import type { DependentsOffer } from "@/lib/model/dependents-offer";
import { useQuickBusy } from "./busy-context";
import { StateLine } from "./state-line";
import type { ServiceLive } from "@/lib/live/types";
import { LiveStateMark } from "@/components/live/live-state";

export type ToggleServiceAction = (input: { id: number; version: number; enabled: boolean; withDependents?: boolean }) => Promise<ActionResult>;

/** Per service id: what switching it off / on would take with it (lib/model/dependents-offer.ts). */
export type DependentOffers = Record<number, { off: DependentsOffer | null; on: DependentsOffer | null }>;

export function ServiceToggles({
  services,
  toggleAction,
  offers = {},
  live = null,
}: {
  services: QuickService[];
  toggleAction: ToggleServiceAction;
  offers?: DependentOffers;
  /** Live state by service name; null when Prometheus did not answer (the page says so). */
  live?: Record<string, ServiceLive> | null;
}) {
  if (services.length === 0) {
    return <p className="rounded-lg border border-slate-200 bg-white p-6 text-center dark:border-slate-800 dark:bg-slate-900">No services in the draft yet.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" aria-label="Services">
      {services.map((service) => (
        <ServiceToggleRow key={service.id} service={service} toggleAction={toggleAction} offers={offers[service.id]} live={live ? live[service.name] : null} />
      ))}
    </ul>
  );
}

function ServiceToggleRow({
  service,
  toggleAction,
  offers,
  live,
}: {
  service: QuickService;
  toggleAction: ToggleServiceAction;
  offers?: DependentOffers[number];
  live: ServiceLive | null | undefined;
}) {
  // The value being saved, shown until the save and the re-read are done.
  const [saving, setSaving] = useState<{ value: boolean } | null>(null);
  const enabled = saving ? saving.value : service.states.draft;
  const [failure, setFailure] = useState<string | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  // Switching with dependents asks first: the offer, ticked by default, then the switch.
  const [confirming, setConfirming] = useState<{ next: boolean; offer: DependentsOffer } | null>(null);
  const [withDependents, setWithDependents] = useState(true);
  const { setBusy } = useQuickBusy();
  const key = `service-${service.id}`;
  useEffect(() => {
    setBusy(key, saving !== null);
    return () => setBusy(key, false);
  }, [key, saving, setBusy]);

  // Only switching a protected service off is refused; switching one on is fine.
  const locked = service.protected && enabled;
  const ids = { title: `${key}-title`, states: `${key}-states`, reason: `${key}-reason`, failure: `${key}-failure` };
  const describedBy = [ids.states, locked ? ids.reason : null, failure ? ids.failure : null].filter(Boolean).join(" ");

  const save = (next: boolean, moveDependents: boolean) => {
    setFailure(null);
    setMoved(null);
    setConfirming(null);
    setSaving({ value: next });
    toggleAction({ id: service.id, version: service.version, enabled: next, withDependents: moveDependents })
      .then(
        (result) => {
          if (!result.ok) setFailure(result.message ?? "The change was not saved.");
          else if (result.warnings?.length) setMoved(result.warnings.join(" "));
        },
        () => setFailure("The server could not be reached; the change was not saved."),
      )
      .finally(() => setSaving(null));
  };

  const toggle = () => {
    const next = !enabled;
    const offer = next ? offers?.on : offers?.off;
    if (offer) {
      setWithDependents(true);
      setConfirming({ next, offer });
    } else save(next, false);
  };

  return (
    <li
      className="flex items-center gap-2 px-3 py-1 sm:gap-3 sm:px-4 sm:py-2"
      data-testid={`quick-service-${service.name}`}
      data-draft={enabled ? "on" : "off"}
      data-committed={service.states.committed}
      data-deployed={service.states.deployed}
      aria-busy={saving ? true : undefined}
    >
      <div className="min-w-0 flex-1">
        <div className="flex min-w-0 flex-wrap items-center gap-x-2">
          {live !== null && <LiveStateMark live={live} compact />}
          <h3 id={ids.title} className="min-w-0 font-semibold break-words">
            {service.title} <span className="font-mono text-xs font-normal text-slate-600 dark:text-slate-400">{service.name}</span>
          </h3>
          {locked && (
            <span id={ids.reason} className="text-xs text-slate-700 dark:text-slate-300" data-testid="protected-reason">
              <LockIcon />
              protected<span className="sr-only">, stays on: {PROTECTED_REASON}.</span>
            </span>
          )}
        </div>
        <StateLine id={ids.states} states={{ ...service.states, draft: enabled }} />
        {confirming && (
          <div className="mt-2 space-y-2 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-950" data-testid="toggle-confirm">
            <div className="flex items-start gap-3">
              <input
                id={`${key}-dependents`}
                type="checkbox"
                checked={withDependents}
                onChange={(e) => setWithDependents(e.target.checked)}
                className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400"
              />
              <label htmlFor={`${key}-dependents`} data-testid="dependents-offer">
                Switching {service.name} {confirming.next ? "on" : "off"} {confirming.offer.sentence}.
              </label>
            </div>
            <div className="flex gap-2">
              <button
                type="button"
                onClick={() => save(confirming.next, withDependents)}
                className="min-h-11 rounded-md bg-slate-900 px-4 font-semibold text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:bg-sky-500 dark:text-slate-950"
              >
                Switch {confirming.next ? "on" : "off"}
              </button>
              <button
                type="button"
                onClick={() => setConfirming(null)}
                className="min-h-11 rounded-md border border-slate-400 px-4 font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
              >
                Cancel
              </button>
            </div>
          </div>
        )}
        {moved && (
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300" role="status" data-testid="toggle-moved">
            {moved}
          </p>
        )}
        {saving && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" role="status">
            Saving…
          </p>
        )}
        {failure && (
          <p id={ids.failure} role="alert" className="mt-1 text-sm font-medium text-red-800 dark:text-red-300" data-testid="toggle-error">
            {failure}
          </p>
        )}
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-labelledby={ids.title}
        aria-describedby={describedBy}
        aria-expanded={confirming ? true : undefined}
        disabled={locked || saving !== null}
        onClick={toggle}
        className="group flex h-11 w-16 shrink-0 items-center justify-center rounded-full focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:cursor-not-allowed"
      >
        <span
          aria-hidden="true"
          className={`relative inline-flex h-8 w-14 items-center rounded-full border-2 transition-colors ${
            enabled ? "border-emerald-700 bg-emerald-600 dark:border-emerald-500 dark:bg-emerald-600" : "border-slate-500 bg-slate-300 dark:border-slate-400 dark:bg-slate-700"
          } ${locked ? "opacity-60" : ""}`}
        >
          <span
            className={`absolute h-6 w-6 rounded-full bg-white shadow transition-transform dark:bg-slate-100 ${enabled ? "translate-x-[1.625rem]" : "translate-x-0.5"}`}
          />
        </span>
      </button>
    </li>
  );
}

function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="mr-1 inline h-3.5 w-3.5 -translate-y-px fill-current">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
    </svg>
  );
}
