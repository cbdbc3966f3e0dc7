// The test rig's view of the stand-in nixos-rebuild (lib/demo/standin.ts, shipped with demo
// mode): the same state, plus what only tests ask — which processes a run left behind.
import { readFileSync, readdirSync } from "node:fs";
import { prepareStandinState, type StandinState } from "../../lib/demo/standin";

export type { ActivatedState, StandinOptions, StandinState } from "../../lib/demo/standin";
export { initStandinNixStore, standinActivationEnv, standinBinDir, standinCommand, standinPreviewRoots } from "../../lib/demo/standin";

export interface RigStandin extends StandinState {
  /** PIDs of live processes of one stand-in run (its run id is in their environment). */
  processesOfRun(runId: string): number[];
}

export function prepareRigStandin(stateDir: string): RigStandin {
  return { ...prepareStandinState(stateDir), processesOfRun: processesWithEnvValue };
}

/** The stand-in's first line: "stand-in nixos-rebuild (...): run <id>, pid <pid>". */
export function standinRunId(logLines: string[]): string | null {
  for (const line of logLines) {
    const match = /^stand-in nixos-rebuild .*: run (\S+), pid \d+/.exec(line);
    if (match) return match[1];
  }
  return null;
}

/** Every process whose environment contains `value` (the stand-in, nix, the builders). */
function processesWithEnvValue(value: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, "latin1").includes(value)) found.push(Number(entry));
    } catch {
      // exited, or not ours to read
    }
  }
  return found;
}
