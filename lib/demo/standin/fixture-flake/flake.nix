# homey-admin STAND-IN fixture flake (demo mode and test rig) — a stand-in for homey's own flake, not homey.
#
# There is no nixpkgs on the test machines, so this flake cannot build NixOS. It does the
# part homey-admin is responsible for, for real: it imports `generated/` from the homey
# repo at the requested commit (input `homey`, overridden by the stand-in nixos-rebuild to
# `git+file://<repo>?rev=<sha>`), evaluates those modules, and builds a small system
# closure (real derivations, builder /bin/sh) whose output holds the evaluated `homey`
# settings as JSON plus a `bin/switch-to-configuration` that "activates" them by writing a
# state file the tests read back.
#
# Knobs come from the environment (read with --impure, set by the stand-in):
#   HOMEY_STANDIN_DOMAIN      the `domain` specialArg (default example.test)
#   HOMEY_STANDIN_STEP_DELAY  seconds between build log lines (default 0.05)
#   HOMEY_STANDIN_RUN_ID      mixed into every derivation so each deploy really builds
#   HOMEY_STANDIN_FAIL_BUILD  when non-empty, the system derivation prints it and exits 1
{
  description = "homey-admin stand-in (demo mode, test rig): builds what homey's generated/ sets (no nixpkgs)";

  inputs.homey = {
    # Always overridden with --override-input; this default is never fetched.
    url = "git+file:///homey-admin-test-rig/override-me";
    flake = false;
  };

  outputs =
    { self, homey }:
    let
      system = import ./system.nix {
        inherit homey;
        evalModules = import ./eval-modules.nix;
        env = name: default: let v = builtins.getEnv name; in if v == "" then default else v;
      };
    in
    {
      # The same attribute path nixos-rebuild builds: nixosConfigurations.<attr>.config.system.build.toplevel
      nixosConfigurations.pi-main = system;
    };
}
