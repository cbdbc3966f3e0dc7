// Demo mode's deploy target: the stand-in nixos-rebuild shipped in lib/demo/standin (the
// test rig uses the same one), run through the local transport, building with Debian's Nix in a private store under the data dir. It is a
// simulation (there is no Pi here) and the UI says so. Without Nix, demo deploys are off.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { setDefaultVariable } from "@/lib/config/load";
import { initStandinNixStore, prepareStandinState, standinActivationEnv, standinCommand } from "./standin";

export async function configureDemoDeployTarget(dataDir: string, domain: string): Promise<string> {
  if (spawnSync("nix-instantiate", ["--version"]).status !== 0) {
    return "demo deploys are off: install Debian's nix-bin to simulate them";
  }
  const standin = prepareStandinState(path.join(dataDir, "demo-target"));
  standin.setOptions({ domain, stepDelaySeconds: 0.05, forceRebuild: true });
  await initStandinNixStore(standin);
  const defaults: Record<string, string> = {
    HOMEY_DEPLOY_TRANSPORT: "local",
    HOMEY_DEPLOY_COMMAND: standinCommand(),
    // The simulated target runs no services for the gate to probe (every probe would fail and
    // auto would roll each demo deploy back): off unless the demo is started with it set.
    HOMEY_DEPLOY_HEALTH_GATE: "off",
    // A child process, even where systemd could run it as a unit: the stand-in's state
    // variables reach a child, not a transient unit.
    HOMEY_DEPLOY_DETACH: "off",
    ...standin.env,
    ...standinActivationEnv(standin),
  };
  for (const [key, value] of Object.entries(defaults)) setDefaultVariable(key, value);
  return `demo deploys go to a simulated target (stand-in nixos-rebuild, state in ${standin.stateDir})`;
}
