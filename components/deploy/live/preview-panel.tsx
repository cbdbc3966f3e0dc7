"use client";
// A preview's picture (a dry-activate deploy): once it has succeeded, the units the switch
// would stop, start, restart and reload, read from the log as it streams in
// (activation-preview.ts), the short outages of the parts everyone depends on, and the
// button that switches to exactly this build.
import { useMemo, useSyncExternalStore } from "react";
import { type ActivationPreview, changesNothing, OUTAGE_EFFECT, parseActivationPreview } from "@/lib/deploy/activation-preview";
import type { ActionResult } from "@/lib/errors/action-result";
import { ConfirmActionForm } from "../confirm-action-form";
import { useLive } from "./deploy-live";

type FormAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

const GROUPS = [
  { key: "stop", title: "Will stop", hint: "and stay stopped", tone: "border-red-600" },
  { key: "restart", title: "Will restart", hint: "stopped and started again: down for a moment", tone: "border-amber-500" },
  { key: "reload", title: "Will reload", hint: "reads its new configuration without stopping", tone: "border-sky-600" },
  { key: "start", title: "Will start", hint: "new, or switched on", tone: "border-emerald-600" },
  { key: "notRestarted", title: "Changed, not restarted", hint: "keeps running the old configuration until it restarts itself", tone: "border-slate-400" },
] as const;

export function PreviewPanel({ confirmAction, commitShort }: { confirmAction: FormAction; commitShort: string }) {
  const { status, buffer } = useLive();
  const version = useSyncExternalStore(buffer.subscribe, buffer.getVersion, () => 0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the buffer mutates in place; version says when
  const preview = useMemo(() => parseActivationPreview(buffer.lines), [buffer, version]);
  if (status === "running") {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="preview-pending">
        Preview: building commit {commitShort} and asking it what a switch would do. Nothing is activated.
      </p>
    );
  }
  if (status !== "succeeded") return null;
  const nothing = changesNothing(preview);
  return (
    <section aria-labelledby="preview-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="preview">
      <h2 id="preview-heading" className="text-lg font-semibold">
        What switching to {commitShort} will do
      </h2>
      {preview.empty ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">The log has no dry-activate lines, so what the switch would do is unknown.</p>
      ) : nothing ? (
        <p className="text-sm" data-testid="preview-nothing">
          No unit starts, stops, restarts or reloads.
        </p>
      ) : null}
      {preview.outages.length > 0 && (
        <div role="note" className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100" data-testid="preview-outages">
          <p className="font-semibold">Short outage</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.outages.map((o) => (
              <li key={o.unit}>
                <span className="font-mono">{o.unit}</span> {o.kind === "stop" ? "stops" : "restarts"}: {OUTAGE_EFFECT[o.part]}
                {o.kind === "stop" ? " — until it is switched on again" : ""}.
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.restartSystemd && <p className="text-sm font-medium">systemd itself restarts (re-executes).</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        {GROUPS.map((g) =>
          preview[g.key].length === 0 ? null : (
            <div key={g.key} className={`rounded-md border-l-4 p-3 ${g.tone}`} data-testid={`preview-${g.key}`}>
              <h3 className="text-sm font-semibold">
                {g.title} ({preview[g.key].length})
              </h3>
              <p className="text-xs text-slate-600 dark:text-slate-400">{g.hint}</p>
              <ul className="mt-1 font-mono text-sm [overflow-wrap:anywhere]">
                {preview[g.key].map((u) => (
                  <li key={u}>{u}</li>
                ))}
              </ul>
            </div>
          ),
        )}
      </div>
      <PackageChanges packages={preview.packages} />
      {preview.outPath ? (
        <ConfirmActionForm action={confirmAction} buttonLabel={`Switch to ${commitShort}…`} title={`Switch to ${commitShort}?`} confirmLabel="Switch now" pendingLabel="Starting…">
          <p>
            The target activates the system this preview built (<code className="font-mono [overflow-wrap:anywhere]">{preview.outPath}</code>): nothing is built
            again, and exactly the units listed here change.
          </p>
        </ConfirmActionForm>
      ) : (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          The log does not say where the built system is, so this preview cannot be switched to; deploy with the preview skipped instead.
        </p>
      )}
    </section>
  );
}

function PackageChanges({ packages }: { packages: ActivationPreview["packages"] }) {
  if (!packages) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="preview-packages">
        Package changes: not asked of the target for this preview.
      </p>
    );
  }
  if (packages.tool === null) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="preview-packages">
        Package changes: not listed — {packages.reason}.
      </p>
    );
  }
  return (
    <details className="text-sm" data-testid="preview-packages" open={packages.ok && packages.lines.length <= 20}>
      <summary className="cursor-pointer font-medium">
        Package changes ({packages.tool}){packages.ok ? "" : ": it failed, its output follows"}
      </summary>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-slate-800">
        {packages.lines.join("\n") || "(no output)"}
      </pre>
    </details>
  );
}
