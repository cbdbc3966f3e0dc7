# Uptime Kuma. homey.monitoring.monitors is declared unconditionally (any module can add a
# monitor); a hash-gated oneshot syncs the list into Uptime Kuma after the container starts.
{
  config,
  lib,
  ...
}:
let
  inherit (lib) mkOption types;
  monitors = config.homey.monitoring.monitors;

  monitor = types.submodule {
    options = {
      name = mkOption { type = types.str; };
      url = mkOption { type = types.str; };
      interval = mkOption {
        type = types.ints.positive;
        default = 60;
      };
      type = mkOption {
        type = types.enum [
          "http"
          "keyword"
        ];
        default = "http";
      };
      keyword = mkOption {
        type = types.nullOr types.str;
        default = null;
      };
      maxretries = mkOption {
        type = types.ints.unsigned;
        default = 0;
      };
    };
  };
in
{
  options.homey.monitoring.monitors = mkOption {
    type = types.listOf monitor;
    default = [ ];
  };

  config = lib.mkIf (config.homey.services.uptime-kuma.enable or false) {
    environment.etc."uptime-kuma/monitors.json".text = builtins.toJSON monitors;
  };
}
