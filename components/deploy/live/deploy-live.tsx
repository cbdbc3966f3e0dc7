"use client";
// The live side of a deploy's page. One provider owns the SSE connection and the state it
// feeds (status, progress, the log buffer); small leaves read it: the status badge,
// duration and exit code in the server-rendered header, and the body (cancel, progress,
// the Nix error, the log). The stream itself is followDeploy's.
import { useRouter } from "next/navigation";
import { createContext, use, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ProgressState } from "@/lib/deploy/internal-json";
import type { DeployStatus } from "@/lib/deploy/status";
import type { ActionResult } from "@/lib/errors/action-result";
import { ConfirmActionForm } from "../confirm-action-form";
import { formatDuration } from "../format";
import { followDeploy, type Connection } from "../follow-deploy";
import { LogView } from "../log-view";
import { ProgressPanel } from "../progress-panel";
import { DeployStatusBadge } from "../status-badge";
import { LogBuffer } from "./log-buffer";


const LiveContext = createContext<LiveState | null>(null);

export function useLive(): LiveState {
  const state = use(LiveContext);
  if (!state) throw new Error("deploy live components must be inside <DeployLiveProvider>");
  return state;
}

export interface DeployInitial {
  deployId: number;
  status: DeployStatus;
  exitCode: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  progress: ProgressState | null;
}

/** What the page knows at render time, plus the live connection and the log lines. */
interface LiveState extends DeployInitial {
  connection: Connection;
  buffer: LogBuffer;
}

export function DeployLiveProvider({ initial, children }: { initial: DeployInitial; children: React.ReactNode }) {
  const [buffer] = useState(() => new LogBuffer());
  const [outcome, setOutcome] = useState({
    status: initial.status,
    exitCode: initial.exitCode,
    error: initial.error,
    finishedAt: initial.finishedAt,
  });
  const [progress, setProgress] = useState<ProgressState | null>(initial.progress);
  const [connection, setConnection] = useState<Connection>("connecting");
  const deployId = initial.deployId;

  useEffect(
    () =>
      followDeploy(deployId, {
        nextSeq: () => buffer.nextSeq,
        onLines: (batch) => (buffer.append(batch.from, batch.lines) === "gap" ? "gap" : undefined),
        onProgress: setProgress,
        onEnd: (end) => {
          if (end.progress) setProgress(end.progress);
          if (end.status) setOutcome({ status: end.status, exitCode: end.exitCode, error: end.error, finishedAt: end.finishedAt });
        },
        onConnection: setConnection,
      }),
    [deployId, buffer],
  );

  const state: LiveState = {
    deployId,
    ...outcome,
    startedAt: initial.startedAt,
    progress,
    connection,
    buffer,
  };
  return <LiveContext value={state}>{children}</LiveContext>;
}

/**
 * When a deploy watched live ends, the server-rendered parts (the health gate's verdict, and
 * a moment later what the policy decided) are fetched again: once at the end, once after.
 */
export function RefreshWhenEnded() {
  const { status } = useLive();
  const router = useRouter();
  const sawRunning = useRef(status === "running");
  useEffect(() => {
    if (status === "running") {
      sawRunning.current = true;
      return;
    }
    if (!sawRunning.current) return;
    sawRunning.current = false;
    router.refresh();
    const later = setTimeout(() => router.refresh(), 1500);
    return () => clearTimeout(later);
  }, [status, router]);
  return null;
}

export function LiveStatus() {
  const { status } = useLive();
  return <DeployStatusBadge status={status} testId="deploy-status" />;
}

export function LiveExitCode() {
  const { exitCode, status } = useLive();
  return <span data-testid="deploy-exit-code">{exitCode ?? (status === "running" ? "—" : "none")}</span>;
}

/** Ticks every second while the deploy runs. */
export function LiveDuration() {
  const { startedAt, finishedAt, status } = useLive();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (status !== "running") return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [status]);
  const end = finishedAt ? Date.parse(finishedAt) : status === "running" ? now : null;
  return (
    <span suppressHydrationWarning data-testid="deploy-duration">
      {end === null ? "—" : formatDuration(end - Date.parse(startedAt))}
      {status === "running" ? " so far" : ""}
    </span>
  );
}

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: "connecting…",
  live: "live",
  reconnecting: "connection lost, reconnecting…",
  ended: "",
  failed: "cannot reach the server; reload the page to try again",
};

export function DeployLiveBody({ cancelAction }: { cancelAction: (previous: ActionResult, formData: FormData) => Promise<ActionResult> }) {
  const live = useLive();
  const running = live.status === "running";
  return (
    <div className="space-y-4">
      {(running || live.connection === "failed") && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="live-connection" data-connection={live.connection}>
            {running ? "Streaming the build as it happens" : ""}
            {CONNECTION_TEXT[live.connection] ? ` · ${CONNECTION_TEXT[live.connection]}` : ""}
          </p>
          {running && <CancelDeploy action={cancelAction} />}
        </div>
      )}
      <FailurePanel />
      <ProgressPanel progress={live.progress} status={live.status} />
      <LogView buffer={live.buffer} deployId={live.deployId} />
    </div>
  );
}

function CancelDeploy({ action }: { action: (previous: ActionResult, formData: FormData) => Promise<ActionResult> }) {
  return (
    <ConfirmActionForm
      action={action}
      buttonLabel="Cancel deploy…"
      title="Cancel this deploy?"
      confirmLabel="Cancel deploy"
      dismissLabel="Keep it running"
      pendingLabel="Cancelling…"
      doneLabel="Cancelling…"
      testId="cancel-result"
      danger
    >
      <p>
        nixos-rebuild and its builds are stopped now and the deploy is recorded as cancelled. If it is already activating, the system may be left between the old
        and the new configuration: deploy again or roll back afterwards.
      </p>
    </ConfirmActionForm>
  );
}

const TAIL_LINES = 15;

/** A deploy stopped on purpose reads as such, even when Nix complained about being killed. */
const STOPPED_HEADINGS: Partial<Record<string, string>> = {
  cancelled: "The deploy was cancelled",
  timed_out: "The deploy timed out and was stopped",
  interrupted: "The deploy was interrupted",
};

/**
 * Why it did not succeed, up front: Nix's own error messages (and the failed build's last
 * log lines) for a failed build; otherwise the recorded error and the last lines of the log.
 */
function FailurePanel() {
  const { status, error, progress, buffer } = useLive();
  useSyncExternalStore(buffer.subscribe, buffer.getVersion, () => 0);
  const nixErrors = progress?.errors ?? [];
  const failedBuilds = progress?.builds.filter((b) => b.status === "failed" && b.logTail.length > 0) ?? [];
  if (status === "succeeded" || (status === "running" && nixErrors.length === 0)) return null;
  const stoppedOnPurpose = status === "cancelled" || status === "timed_out" || status === "interrupted";
  const tone = stoppedOnPurpose
    ? "border-amber-500 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    : "border-red-600 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-50";
  const tail = nixErrors.length === 0 ? buffer.lines.slice(-TAIL_LINES) : [];
  return (
    <section role="alert" aria-labelledby="failure-heading" className={`space-y-2 rounded-lg border-l-4 p-4 ${tone}`} data-testid="deploy-failure">
      <h2 id="failure-heading" className="text-lg font-semibold">
        {STOPPED_HEADINGS[status] ?? (nixErrors.length > 0 ? (status === "running" ? "Nix reported an error" : "The build failed: Nix says") : "The deploy failed")}
      </h2>
      {error && <p className="text-sm font-medium [overflow-wrap:anywhere]">{error}</p>}
      {nixErrors.length > 0 && (
        <pre className="overflow-x-auto rounded bg-white/70 p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-black/30" data-testid="nix-error">
          {nixErrors.join("\n\n")}
        </pre>
      )}
      {failedBuilds.map((b) => (
        <div key={b.id}>
          <h3 className="text-sm font-semibold">
            Last lines of the failed build <span className="font-mono">{b.name}</span>
          </h3>
          <pre className="mt-1 overflow-x-auto rounded bg-white/70 p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-black/30" data-testid="failed-build-log">
            {b.logTail.join("\n")}
          </pre>
        </div>
      ))}
      {tail.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Last lines of the log</h3>
          <pre className="mt-1 overflow-x-auto rounded bg-white/70 p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere] dark:bg-black/30">{tail.join("\n")}</pre>
        </div>
      )}
    </section>
  );
}
