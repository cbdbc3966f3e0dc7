# Restic, daily at 03:00. Modules add their state directories to extraPaths.
{
  config,
  lib,
  ...
}:
let
  inherit (lib) mkOption types;
  cfg = config.homey.backup;
in
{
  options.homey.backup = {
    extraPaths = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Paths backed up in addition to the defaults.";
    };
    exclude = mkOption {
      type = types.listOf types.str;
      default = [ ];
      description = "Paths and patterns restic skips.";
    };
  };

  config = lib.mkIf (cfg.extraPaths != [ ]) {
    services.restic.backups.daily = {
      paths = cfg.extraPaths;
      exclude = cfg.exclude;
      timerConfig.OnCalendar = "03:00";
      initialize = true;
    };
  };
}
