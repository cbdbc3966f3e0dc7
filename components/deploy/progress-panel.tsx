// Build progress from Nix's internal-json: the phase, derivations built / expected (a bar),
// downloads, the current build, and every build with its status. No hooks: rendered by the
// live view with each progress event, and from the stored progress for a finished deploy.
import type { BuildProgress, DeployPhase, ProgressState } from "@/lib/deploy/internal-json";
import { DEPLOY_STATUS_LABELS, type DeployStatus } from "@/lib/deploy/status";
import { formatBytes, statusTone } from "./format";

const PHASES: { phase: DeployPhase; label: string }[] = [
  { phase: "evaluating", label: "Evaluating" },
  { phase: "building", label: "Building" },
  { phase: "copying", label: "Copying" },
  { phase: "activating", label: "Activating" },
  { phase: "done", label: "Done" },
];

export function ProgressPanel({ progress, status }: { progress: ProgressState | null; status: DeployStatus }) {
  const running = status === "running";
  if (!progress) {
    return (
      <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
        <h2 id="progress-heading" className="text-lg font-semibold">
          Progress
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="progress-phase">
          {running ? "Waiting for Nix to report progress…" : "No build progress was recorded for this deploy."}
        </p>
      </section>
    );
  }
  const { derivations, downloads } = progress;
  // Ended without success: the parser says "done" whatever the phase was; do not paint the
  // phases it never reached as passed.
  const endedBadly = !running && status !== "succeeded";
  const phases = endedBadly ? PHASES.map((p) => (p.phase === "done" ? { ...p, label: `Ended: ${DEPLOY_STATUS_LABELS[status]}` } : p)) : PHASES;
  const phaseIndex = phases.findIndex((p) => p.phase === progress.phase);
  // Nothing expected and finished: the bar is full (a rollback builds nothing).
  const percent = derivations.expected > 0 ? Math.round((100 * derivations.done) / derivations.expected) : progress.phase === "done" && status === "succeeded" ? 100 : 0;
  const failedBuilds = progress.builds.filter((b) => b.status === "failed");
  const currentBuild = progress.currentBuild ? progress.builds.findLast((b) => b.name === progress.currentBuild && b.status === "running") : undefined;

  return (
    <section aria-labelledby="progress-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900" data-testid="progress-panel">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="progress-heading" className="text-lg font-semibold">
          Progress
        </h2>
        <p className="text-sm" data-testid="progress-phase" data-phase={progress.phase}>
          Phase: <span className="font-semibold">{phases[phaseIndex]?.label ?? progress.phase}</span>
        </p>
      </div>
      <ol className="flex flex-wrap gap-1 text-xs" aria-label="Phases">
        {phases.map((p, i) => (
          <li
            key={p.phase}
            aria-current={i === phaseIndex ? "step" : undefined}
            className={`rounded-full px-2 py-0.5 ${
              i === phaseIndex
                ? endedBadly
                  ? statusTone(status) === "stopped"
                    ? "bg-amber-600 font-semibold text-white"
                    : "bg-red-700 font-semibold text-white"
                  : "bg-sky-600 font-semibold text-white"
                : i < phaseIndex && !endedBadly
                  ? "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100"
                  : "bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400"
            }`}
          >
            {p.label}
          </li>
        ))}
      </ol>
      <div>
        <div className="flex justify-between text-sm">
          <span id="derivations-label">Derivations built</span>
          <span data-testid="progress-derivations" className="font-mono tabular-nums">
            {derivations.done} / {derivations.expected}
            {derivations.running > 0 ? ` (${derivations.running} running)` : ""}
            {derivations.failed > 0 ? ` · ${derivations.failed} failed` : ""}
          </span>
        </div>
        <div
          role="progressbar"
          aria-labelledby="derivations-label"
          aria-valuemin={0}
          aria-valuemax={Math.max(derivations.expected, 1)}
          aria-valuenow={derivations.expected > 0 ? derivations.done : percent === 100 ? 1 : 0}
          aria-valuetext={`${derivations.done} of ${derivations.expected} derivations built`}
          className="mt-1 h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        >
          <div
            className={`h-full rounded-full transition-[width] duration-300 ${derivations.failed > 0 || failedBuilds.length > 0 ? "bg-red-600" : "bg-sky-600"}`}
            style={{ width: `${percent}%` }}
          />
        </div>
      </div>
      {(downloads.expected > 0 || downloads.bytesExpected > 0) && (
        <p className="text-sm" data-testid="progress-downloads">
          Downloads: <span className="font-mono tabular-nums">{downloads.done} / {downloads.expected}</span> paths
          {downloads.bytesExpected > 0 && (
            <span className="font-mono tabular-nums">
              {" "}
              ({formatBytes(downloads.bytesDone)} of {formatBytes(downloads.bytesExpected)})
            </span>
          )}
        </p>
      )}
      <p className="text-sm" data-testid="progress-current-build">
        {currentBuild ? (
          <>
            Building <span className="font-mono font-semibold">{currentBuild.name}</span>
            {currentBuild.builderPhase ? <span className="text-slate-600 dark:text-slate-400"> ({currentBuild.builderPhase})</span> : null}
          </>
        ) : running ? (
          <span className="text-slate-600 dark:text-slate-400">{progress.phase === "activating" ? "Activating the new configuration…" : "No build running right now."}</span>
        ) : null}
      </p>
      {progress.builds.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">
            Builds ({progress.buildsStarted}
            {progress.buildsStarted > progress.builds.length ? `, last ${progress.builds.length} shown` : ""})
          </summary>
          <ul className="mt-2 space-y-1">
            {progress.builds.map((b) => (
              <BuildItem key={b.id} build={b} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function BuildItem({ build }: { build: BuildProgress }) {
  const mark = build.status === "succeeded" ? "✓" : build.status === "failed" ? "✗" : "…";
  const tone = build.status === "succeeded" ? "text-emerald-700 dark:text-emerald-400" : build.status === "failed" ? "text-red-700 dark:text-red-400" : "text-sky-700 dark:text-sky-400";
  return (
    <li className="flex items-baseline gap-2">
      <span aria-hidden="true" className={`w-4 font-bold ${tone}`}>
        {mark}
      </span>
      <span className="font-mono">{build.name}</span>
      <span className="text-xs text-slate-500">
        {build.status}
        {build.logLineCount > 0 ? ` · ${build.logLineCount} log lines` : ""}
      </span>
    </li>
  );
}
