"use client";
// Follows one deploy through the deploys' SSE route (/api/deploys/[id]/events, format in
// components/deploy/live-events.ts), keeping only what the compact view shows: status,
// progress, the last log line and the outcome. EventSource resumes by itself after a dropped
// connection (Last-Event-ID); if it gives up, we reconnect a few times, more slowly each time.
import { useEffect, useState } from "react";
import type { LinesEvent, LiveEnd } from "@/components/deploy/live-events";
import type { ProgressState } from "@/lib/deploy/internal-json";
import type { DeployStatus } from "@/lib/deploy/status";

export type Connection = "connecting" | "live" | "reconnecting" | "ended" | "failed";

export interface DeployEvents {
  deployId: number;
  status: DeployStatus;
  progress: ProgressState | null;
  lastLine: string | null;
  error: string | null;
  exitCode: number | null;
  connection: Connection;
}

const initial = (deployId: number): DeployEvents => ({
  deployId,
  status: "running",
  progress: null,
  lastLine: null,
  error: null,
  exitCode: null,
  connection: "connecting",
});

export function useDeployEvents(deployId: number, onEnd?: (end: LiveEnd) => void): DeployEvents {
  const [state, setState] = useState(() => initial(deployId));
  // Another deploy to follow: start from scratch (during render, not in an effect).
  const current = state.deployId === deployId ? state : initial(deployId);
  if (current !== state) setState(current);

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    let nextSeq = 1;
    const update = (patch: Partial<DeployEvents>) => setState((s) => (s.deployId === deployId ? { ...s, ...patch } : s));

    const connect = () => {
      if (stopped) return;
      const es = new EventSource(`/api/deploys/${deployId}/events?from=${nextSeq}`);
      source = es;
      es.onopen = () => {
        failures = 0;
        update({ connection: "live" });
      };
      es.addEventListener("lines", (event) => {
        const batch = JSON.parse((event as MessageEvent<string>).data) as LinesEvent;
        if (batch.lines.length === 0) return;
        nextSeq = batch.from + batch.lines.length;
        update({ lastLine: batch.lines[batch.lines.length - 1] });
      });
      es.addEventListener("progress", (event) => {
        update({ progress: JSON.parse((event as MessageEvent<string>).data) as ProgressState });
      });
      es.addEventListener("end", (event) => {
        const end = JSON.parse((event as MessageEvent<string>).data) as LiveEnd;
        stopped = true;
        es.close();
        setState((s) =>
          s.deployId === deployId
            ? {
                ...s,
                status: end.status ?? "failed",
                error: end.status ? end.error : `Deploy #${deployId} does not exist.`,
                exitCode: end.exitCode,
                progress: end.progress ?? s.progress,
                connection: "ended",
              }
            : s,
        );
        onEnd?.(end);
      });
      es.onerror = () => {
        if (stopped) return;
        if (es.readyState === EventSource.CONNECTING) {
          update({ connection: "reconnecting" });
          return;
        }
        es.close();
        failures += 1;
        if (failures > 5) {
          update({ connection: "failed" });
          return;
        }
        update({ connection: "reconnecting" });
        retryTimer = setTimeout(connect, Math.min(15_000, 1000 * 2 ** (failures - 1)));
      };
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
    // onEnd is the parent's callback: a new one each render must not reconnect.
  }, [deployId]); // eslint-disable-line react-hooks/exhaustive-deps

  return current;
}
