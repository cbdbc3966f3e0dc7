// The quick-toggle page's content: each service with its draft / committed / deployed state
// and a switch, and one "Apply & deploy" that commits the draft and switches homey to it.
// The data is one QuickScreen (lib/quick/screen.ts); the actions come from QuickApp.
import Link from "next/link";
import type { QuickScreen } from "@/lib/quick/screen";
import { WhereHeadline } from "@/components/layout/where-headline";
import { AwaitingDecisionPointer } from "@/components/rollout/awaiting-decision-pointer";
import { LiveUnavailable } from "@/components/live/live-state";
import { ApplyDeployPanel, type ApplyDeployAction } from "./apply-deploy-panel";
import { QuickBusyProvider } from "./busy-context";
import { ServiceToggles, type ToggleServiceAction } from "./service-toggles";

export interface QuickActions {
  toggle: ToggleServiceAction;
  apply: ApplyDeployAction;
  /** Read the screen again (after a deploy ended). */
  refresh: () => void;
}

export function QuickTogglePage({ screen, actions }: { screen: QuickScreen; actions: QuickActions }) {
  const { view, where, live, pendingDecision, runningDeployId, offers } = screen;
  const protectedNames = view.services.filter((s) => s.protected).map((s) => s.name);
  return (
    <QuickBusyProvider>
      <div className="mx-auto max-w-2xl space-y-3 sm:space-y-4">
        {/* On a phone the tab bar leads back; the link is for the desktop's side nav. */}
        <Link href="/" className="hidden min-h-11 items-center text-sm font-medium text-sky-800 underline sm:inline-flex dark:text-sky-300">
          ← Overview
        </Link>
        <div>
          <h1 className="text-xl font-bold sm:text-2xl">Quick toggle</h1>
          <p className="mt-1 hidden text-slate-600 sm:block dark:text-slate-400">
            Switch services on or off in the draft, then apply and deploy them in one step. Each service shows whether it is on in the draft,
            in the last commit, and on the running system.
          </p>
        </div>
        <WhereHeadline status={where} />
        <AwaitingDecisionPointer pending={pendingDecision} />
        {protectedNames.length > 0 && (
          // One line: the rows carry the padlock; the full reason is the title and each switch's description.
          <p
            className="relative truncate rounded-md border-l-4 border-slate-400 bg-slate-100 px-3 py-1.5 text-xs sm:text-sm dark:bg-slate-900"
            data-testid="protected-note"
            title={`homey's proxy, sign-in and this dashboard depend on them; switching one off is done in Nix, by hand.`}
          >
            Protected, stay on: <span className="font-semibold">{protectedNames.join(", ")}</span>
            <span className="sr-only">. homey&apos;s proxy, sign-in and this dashboard depend on {protectedNames.length === 1 ? "it" : "them"}; switching one off is done in Nix, by hand.</span>
          </p>
        )}
        {view.notes.length > 0 && (
          <ul className="space-y-1 text-sm text-slate-600 dark:text-slate-400" data-testid="quick-notes">
            {view.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
        <LiveUnavailable view={live} />
        <section aria-labelledby="services-heading" className="space-y-2">
          <h2 id="services-heading" className="sr-only sm:not-sr-only sm:text-lg sm:font-semibold">
            Services
          </h2>
          <ServiceToggles services={view.services} toggleAction={actions.toggle} offers={offers} live={live.available ? live.services : null} />
        </section>
        <ApplyDeployPanel
          pending={view.pending}
          deployProblem={view.deployProblem}
          runningDeployId={runningDeployId}
          action={actions.apply}
          onDeployEnded={actions.refresh}
        />
      </div>
    </QuickBusyProvider>
  );
}
