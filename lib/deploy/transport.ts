// What the runner needs from "somewhere nixos-rebuild runs": start argv, get output lines
// as they come, stop it on abort, learn how it ended. ssh and local implement it.
import type { RebuildCommand } from "./command";

export interface TransportIO {
  /** One output line, newline and "\r" removed; may still contain terminal escapes. */
  onLine(line: string): void;
  /** Aborting stops the command for real (remote process group hung up / killed). */
  signal: AbortSignal;
}

export type TransportExit =
  | { kind: "exited"; code: number }
  | { kind: "signalled"; signal: string }
  /** The signal fired and the command was stopped; signal.reason says why. */
  | { kind: "aborted" };

export interface DeployTransport {
  run(command: RebuildCommand, io: TransportIO): Promise<TransportExit>;
}

/** Failures that are not the command's own: each maps to its own deploy status. */
export type TransportFailureKind =
  | "host_key_refused"
  | "auth_failed"
  | "unreachable"
  | "connection_lost"
  | "key_unreadable"
  | "spawn_failed";

export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "TransportFailure";
  }
}
