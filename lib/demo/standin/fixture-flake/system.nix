# The stand-in "system": real derivations (builder /bin/sh, no nixpkgs) built from what the
# homey repo's generated/ sets. Each area is its own derivation so a deploy shows real
# progress (derivations done / expected) and per-derivation build logs; the top level
# collects them and carries the evaluated settings as JSON for the stand-in activation.
{
  homey,
  evalModules,
  env,
}:
let
  inherit (builtins)
    attrNames
    concatMap
    concatStringsSep
    filter
    isInt
    length
    pathExists
    toJSON
    toString
    ;

  domain = env "HOMEY_STANDIN_DOMAIN" "example.test";
  stepDelay = env "HOMEY_STANDIN_STEP_DELAY" "0.05";
  runId = env "HOMEY_STANDIN_RUN_ID" "";
  failBuild = env "HOMEY_STANDIN_FAIL_BUILD" "";

  generated = "${homey}/generated";
  evaluated = evalModules {
    modules = if pathExists generated then [ generated ] else [ ];
    inherit domain;
  };
  cfg = evaluated.homey or { };

  services = cfg.services or { };
  virtualHosts = (cfg.caddy or { }).virtualHosts or { };
  accessRules = (cfg.authelia or { }).accessControlRules or [ ];
  monitors = (cfg.monitoring or { }).monitors or [ ];
  backup = cfg.backup or { };

  enabledServices = filter (name: services.${name}.enable or false) (attrNames services);

  # One derivation per area. `lines` are printed one by one with a pause (a visible, live
  # build log); a non-empty `errors` list makes the builder fail the way a real module
  # check would: messages on stderr, exit 1.
  step =
    name:
    {
      lines,
      errors ? [ ],
    }:
    derivation {
      name = "homey-${name}";
      system = builtins.currentSystem;
      builder = "/bin/sh";
      PATH = "/usr/bin:/bin";
      inherit stepDelay runId;
      logLines = concatStringsSep "\n" ([ "checking ${name} (${toString (length lines)} entries)" ] ++ lines);
      errorLines = concatStringsSep "\n" errors;
      args = [
        "-c"
        ''
          printf '%s\n' "$logLines" | while IFS= read -r line; do
            echo "$line"
            sleep "$stepDelay"
          done
          if [ -n "$errorLines" ]; then
            printf '\033[31;1merror:\033[0m %s\n' "$errorLines" >&2
            exit 1
          fi
          mkdir -p "$out"
          printf '%s\n' "$logLines" > "$out/summary"
        ''
      ];
    };

  portOk = p: isInt p && p >= 1 && p <= 65535;

  servicesDrv = step "services" {
    lines = map (name: "service ${name}: enabled") enabledServices;
  };

  virtualHostsDrv = step "virtual-hosts" {
    lines = map (
      sub:
      let
        v = virtualHosts.${sub};
      in
      "vhost ${v.host or sub} -> 127.0.0.1:${toString (v.port or "?")}${if v.auth or false then " (authelia)" else ""}"
    ) (attrNames virtualHosts);
    # Caddy cannot proxy to a port outside 1-65535: homey's caddy module rejects it too.
    errors = concatMap (
      sub:
      let
        port = virtualHosts.${sub}.port or null;
      in
      if portOk port then [ ] else [ "homey.caddy.virtualHosts.${sub}.port = ${toJSON port} is not a TCP port (1-65535)" ]
    ) (attrNames virtualHosts);
  };

  accessRulesDrv = step "access-rules" {
    lines = map (
      r: "rule priority ${toString (r.priority or "?")}: ${concatStringsSep "," (r.domain or [ ])} -> ${r.policy or "?"}"
    ) accessRules;
  };

  monitorsDrv = step "monitors" {
    lines = map (m: "monitor ${m.name or "?"}: ${m.url or "?"} every ${toString (m.interval or "?")}s") monitors;
  };

  backupDrv = step "backup" {
    lines =
      map (p: "backup path ${p}") (backup.extraPaths or [ ])
      ++ map (p: "backup exclude ${p}") (backup.exclude or [ ]);
  };

  # What homey's flake sets as system.configurationRevision (`self.rev or "dirty"`): the
  # stand-in nixos-version answers --configuration-revision with it.
  configurationRevision = homey.rev or "dirty";

  # One file per systemd unit (units.nix): what switch-to-configuration compares.
  unitFiles = builtins.attrValues (
    builtins.mapAttrs builtins.toFile (
      import ./units.nix {
        inherit services virtualHosts accessRules monitors;
      }
    )
  );

  configJson = toJSON {
    rev = homey.rev or null;
    inherit domain;
    homey = cfg;
  };

  switchToConfiguration = ''
    #!/bin/sh
    # switch-to-configuration -- homey-admin TEST STAND-IN: records the activated configuration in
    # $HOMEY_STANDIN_STATE_FILE for the tests; touches real systemd units only on the nspawn
    # target (HOMEY_STANDIN_SYSTEMD_UNITS_CMD), never on the machine it otherwise runs on.
    set -eu
    action="''${1:-}"
    self=$(cd "$(dirname "$0")/.." && pwd -P)
    if [ -z "''${HOMEY_STANDIN_ENV_LOADED:-}" ]; then
      # Run on its own, not under the stand-in nixos-rebuild (homey-admin activating a preview's
      # build, as nixos-rebuild does after its build): load the settings that script would.
      # A transient unit passes no stand-in variables: the state dir is where this store is ($state/nix/store).
      export HOMEY_STANDIN_STATE_DIR="''${HOMEY_STANDIN_STATE_DIR:-$(cd "$self/../../.." && pwd -P)}"
      standin_dir="$(cat "$HOMEY_STANDIN_STATE_DIR/standin-dir")"
      . "$standin_dir/activation-env.sh"
    fi
    units="${concatStringsSep ", " (map (s: "${s}.service") enabledServices)}"
    # What runs now (current-system, linked by the last activation) against this system: unit-actions.sh.
    running_units="$(dirname "''${HOMEY_STANDIN_STATE_FILE:?HOMEY_STANDIN_STATE_FILE is not set}")/current-system/etc/systemd/system"
    case "$action" in
      dry-activate)
        "$self/bin/unit-actions" dry "$running_units" "$self/etc/systemd/system"
        exit 0 ;;
      boot)
        echo "updating the boot loader (stand-in: nothing to install)"
        exit 0 ;;
      switch|test) ;;
      *)
        echo "usage: switch-to-configuration switch|test|boot|dry-activate" >&2
        exit 1 ;;
    esac
    "$self/bin/unit-actions" before "$running_units" "$self/etc/systemd/system"
    # On the systemd target (HOMEY_STANDIN_SYSTEMD_UNITS_CMD, set by the stand-in nixos-rebuild):
    # the same decisions carried out on real units (standin/systemd-units.mjs).
    units_cmd="''${HOMEY_STANDIN_SYSTEMD_UNITS_CMD:-}"
    plan=""
    if [ -n "$units_cmd" ]; then
      plan="$("$self/bin/unit-actions" plan "$running_units" "$self/etc/systemd/system")"
      "$units_cmd" before "$plan" "$self/etc/systemd/system"
    fi
    echo "activating the configuration..."
    echo "setting up /etc..."
    echo "reloading user units for root..."
    "$self/bin/unit-actions" after "$running_units" "$self/etc/systemd/system"
    units_failed=""
    [ -z "$units_cmd" ] || units_failed="$("$units_cmd" after "$plan" "$self/etc/systemd/system" "$self/homey-config.json")"
    # The proxy (caddy) must outlive this activation's own unit (a detached deploy's cgroup is stopped after it): its own scope.
    scope=""
    [ -z "$units_cmd" ] || scope="systemd-run --quiet --scope --collect"
    if [ -n "''${HOMEY_STANDIN_ACTIVATION_DELAY:-}" ]; then
      echo "stand-in: activation pauses for ''${HOMEY_STANDIN_ACTIVATION_DELAY} s"
      sleep "''${HOMEY_STANDIN_ACTIVATION_DELAY}"
    fi
    state="''${HOMEY_STANDIN_STATE_FILE:?HOMEY_STANDIN_STATE_FILE is not set}"
    tmp="$state.tmp.$$"
    { printf '{"action":"%s","system":"%s","configuration":' "$action" "$self"
      cat "$self/homey-config.json"
      printf '}\n'; } > "$tmp"
    mv "$tmp" "$state"
    # Like /run/current-system: the stand-in nixos-version reads the running revision here.
    ln -sfn "$self" "$(dirname "$state")/current-system"
    echo "stand-in: recorded the activated configuration in $state"
    [ -z "''${HOMEY_STANDIN_UPSTREAMS_CMD:-}" ] || $scope "$HOMEY_STANDIN_UPSTREAMS_CMD" sync "$self/homey-config.json" "$(dirname "$state")"
    failed="''${HOMEY_STANDIN_FAIL_UNITS:-}"
    [ -z "$units_failed" ] || failed="''${failed:+$failed, }$units_failed"
    if [ -n "$failed" ]; then
      # What switch-to-configuration prints (then exit 4) when the switch happened but units failed.
      echo "warning: the following units failed: $failed" >&2
      exit 4
    fi
  '';

  toplevel = derivation {
    name = "nixos-system-pi-main-homey-standin";
    system = builtins.currentSystem;
    builder = "/bin/sh";
    PATH = "/usr/bin:/bin";
    inherit stepDelay runId failBuild;
    parts = [
      servicesDrv
      virtualHostsDrv
      accessRulesDrv
      monitorsDrv
      backupDrv
    ];
    inherit configJson switchToConfiguration configurationRevision unitFiles;
    unitActions = ./unit-actions.sh;
    passAsFile = [
      "configJson"
      "switchToConfiguration"
    ];
    args = [
      "-c"
      ''
        echo "assembling the system closure for ${domain}"
        for part in $parts; do echo "  including $part"; sleep "$stepDelay"; done
        if [ -n "$failBuild" ]; then
          echo "error: $failBuild" >&2
          exit 1
        fi
        mkdir -p "$out/bin"
        cp "$configJsonPath" "$out/homey-config.json"
        cp "$switchToConfigurationPath" "$out/bin/switch-to-configuration"
        chmod +x "$out/bin/switch-to-configuration"
        cp "$unitActions" "$out/bin/unit-actions"
        chmod +x "$out/bin/unit-actions"
        mkdir -p "$out/etc/systemd/system"
        # toFile's store name is <hash>-<unit name>.
        for unit in $unitFiles; do name=$(basename "$unit"); cp "$unit" "$out/etc/systemd/system/''${name#*-}"; done
        echo "homey-standin" > "$out/nixos-version"
        printf '%s\n' "$configurationRevision" > "$out/configuration-revision"
      ''
    ];
  };
in
{
  config = {
    homey = cfg;
    system.build.toplevel = toplevel;
  };
}
