// Quick toggle: the page an admin opens on a phone to switch a service on or off without
// touching Nix — each service with its draft / committed / deployed state, and one
// "Apply & deploy" that commits the draft and switches homey to it.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/auth/session";
import { deployRunner } from "@/lib/deploy/instance";
import { loadQuickToggle } from "@/lib/quick/quick-toggle";
import { loadCheckDraft } from "@/lib/model/check-draft";
import { dependentsOffer } from "@/lib/model/dependents-offer";
import { repoSettingsFromEnv } from "@/lib/repo/settings";
import { ApplyDeployPanel } from "@/components/quick/apply-deploy-panel";
import { QuickBusyProvider } from "@/components/quick/busy-context";
import { ServiceToggles } from "@/components/quick/service-toggles";
import { WhereHeadline } from "@/components/layout/where-headline";
import { loadWhereStatus } from "@/lib/status/where-now";
import { applyAndDeployAction, toggleServiceAction } from "./actions";

export const metadata: Metadata = { title: "Quick toggle" };

export default async function QuickTogglePage() {
  const admin = await requireAdminPage();
  const [view, where] = await Promise.all([loadQuickToggle(admin, repoSettingsFromEnv()), loadWhereStatus(admin)]);
  // The runner is the authority on "running" (a row left running by a restart is not).
  const runningDeployId = deployRunner().current()?.deployId ?? null;
  const protectedNames = view.services.filter((s) => s.protected).map((s) => s.name);
  const draft = await loadCheckDraft(admin);
  const offers = Object.fromEntries(view.services.map((s) => [s.id, { off: dependentsOffer(draft, s.id, false), on: dependentsOffer(draft, s.id, true) }]));

  return (
    <QuickBusyProvider>
      <div className="mx-auto max-w-2xl space-y-4">
        <Link href="/" className="inline-flex min-h-11 items-center text-sm font-medium text-sky-800 underline dark:text-sky-300">
          ← Overview
        </Link>
        <div>
          <h1 className="text-2xl font-bold">Quick toggle</h1>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            Switch services on or off in the draft, then apply and deploy them in one step. Each service shows whether it is on in the draft,
            in the last commit, and on the running system.
          </p>
        </div>
        <WhereHeadline status={where} />
        {protectedNames.length > 0 && (
          <p className="rounded-md border-l-4 border-slate-400 bg-slate-100 p-3 text-sm dark:bg-slate-900" data-testid="protected-note">
            <span className="font-semibold">{protectedNames.join(", ")}</span> {protectedNames.length === 1 ? "is" : "are"} protected and
            cannot be switched off here: homey&apos;s proxy, sign-in and this dashboard depend on {protectedNames.length === 1 ? "it" : "them"}.
            Switching one off is done in Nix, by hand.
          </p>
        )}
        {view.notes.length > 0 && (
          <ul className="space-y-1 text-sm text-slate-600 dark:text-slate-400" data-testid="quick-notes">
            {view.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <section aria-labelledby="services-heading" className="space-y-2">
          <h2 id="services-heading" className="text-lg font-semibold">
            Services
          </h2>
          <ServiceToggles services={view.services} toggleAction={toggleServiceAction} offers={offers} />
        </section>
        <ApplyDeployPanel pending={view.pending} deployProblem={view.deployProblem} runningDeployId={runningDeployId} action={applyAndDeployAction} />
      </div>
    </QuickBusyProvider>
  );
}
