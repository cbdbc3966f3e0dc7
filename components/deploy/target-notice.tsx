// Where deploys go, said plainly: the target, or in demo mode that it is simulated, or the
// settings' problems when deploys cannot start at all.
import { isStandinCommand, STANDIN_COMMAND_PATH } from "@/lib/demo/standin-command";

export type TargetInfo =
  | { ok: true; description: string; transport: "ssh" | "local"; flakeAttr: string; command: string }
  | { ok: false; problems: string[]; message: string };


export function TargetNotice({ target, demo }: { target: TargetInfo; demo: boolean }) {
  const simulated = target.ok && isStandinCommand(target.command);
  return (
    <div className="space-y-3">
      {demo && simulated && (
        <p role="note" className="rounded-md border-l-4 border-amber-500 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100" data-testid="simulated-target">
          <span className="font-semibold">Demo mode: the target is simulated.</span> Deploys run a stand-in <code className="font-mono">nixos-rebuild</code>{" "}
          (shipped with demo mode, also used by the test rig) on this server: it really builds the committed <code className="font-mono">generated/</code> with Nix in a private store and
          records what it would activate. No real machine changes.
        </p>
      )}
      {demo && target.ok && !simulated && (
        <p role="alert" className="rounded-md border-l-4 border-red-600 bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100" data-testid="demo-not-simulated">
          <span className="font-semibold">Demo mode, but deploys are not simulated:</span> they would run <code className="font-mono">{target.command}</code> on{" "}
          <span className="font-mono">{target.description}</span>. Point <code className="font-mono">HOMEY_DEPLOY_COMMAND</code> at the stand-in (
          <code className="font-mono">{STANDIN_COMMAND_PATH}</code>) to simulate the target.
        </p>
      )}
      {target.ok ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="deploy-target">
          Target: <span className="font-mono">{target.description}</span>, configuration <span className="font-mono">{target.flakeAttr}</span>
          {simulated ? " (simulated)" : target.transport === "local" ? " (nixos-rebuild runs on this machine)" : ""}.
        </p>
      ) : (
        <div role="alert" className="rounded-md border-l-4 border-red-600 bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100" data-testid="deploy-config-problems">
          <h2 className="font-semibold">Deploys cannot start: the deploy settings need fixing</h2>
          {target.problems.length > 0 ? (
            <ul className="mt-2 list-disc pl-5 text-sm">
              {target.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm">{target.message}</p>
          )}
          <p className="mt-2 text-sm">
            Set them in homey-admin&apos;s environment (README, “Configuration”, the HOMEY_DEPLOY_* settings); they are read again for every deploy, no restart
            needed.
          </p>
        </div>
      )}
    </div>
  );
}
