"use client";
// Follows one deploy through the deploys' SSE route (/api/deploys/[id]/events, format in
// lib/deploy/live-events.ts), keeping only what the compact view shows: status,
// progress, the last log line and the outcome; the stream itself is followDeploy's.
import { useEffect, useState } from "react";
import { followDeploy, type Connection } from "@/components/deploy/follow-deploy";
import type { LiveEnd } from "@/lib/deploy/live-events";
import type { ProgressState } from "@/lib/deploy/internal-json";
import type { DeployStatus } from "@/lib/deploy/status";

export type { Connection };

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
    let nextSeq = 1;
    const update = (patch: Partial<DeployEvents>) => setState((s) => (s.deployId === deployId ? { ...s, ...patch } : s));
    return followDeploy(deployId, {
      nextSeq: () => nextSeq,
      onLines: (batch) => {
        if (batch.lines.length === 0) return;
        nextSeq = batch.from + batch.lines.length;
        update({ lastLine: batch.lines[batch.lines.length - 1] });
      },
      onProgress: (progress) => update({ progress }),
      onEnd: (end) => {
        setState((s) =>
          s.deployId === deployId
            ? {
                ...s,
                status: end.status ?? "failed",
                error: end.status ? end.error : `Deploy #${deployId} does not exist.`,
                exitCode: end.exitCode,
                progress: end.progress ?? s.progress,
              }
            : s,
        );
        onEnd?.(end);
      },
      onConnection: (connection) => update({ connection }),
    });
    // onEnd is the parent's callback: a new one each render must not reconnect.
  }, [deployId]); // eslint-disable-line react-hooks/exhaustive-deps

  return current;
}
