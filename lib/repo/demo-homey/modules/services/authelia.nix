# Authelia access control. accessControlRules is declared unconditionally so any module can
# contribute rules even when Authelia is disabled. Rules are sorted by priority at build
# time; Authelia stops at the first match.
#   0 bypass · 10–19 blanket bypass · 20–49 admin two_factor + deny pairs
#   50–64 one_factor open · 65–79 per-path (resources + subject combos)
{
  config,
  lib,
  ...
}:
let
  inherit (lib) mkOption types;
  cfg = config.homey.authelia;

  rule = types.submodule {
    options = {
      priority = mkOption {
        type = types.int;
        description = "Lower comes first.";
      };
      domain = mkOption { type = types.listOf types.str; };
      policy = mkOption {
        type = types.enum [
          "bypass"
          "one_factor"
          "two_factor"
          "deny"
        ];
      };
      subject = mkOption {
        type = types.listOf (types.listOf types.str);
        default = [ ];
        description = "Outer list: any of; inner list: all of.";
      };
      resources = mkOption {
        type = types.listOf types.str;
        default = [ ];
      };
      methods = mkOption {
        type = types.listOf types.str;
        default = [ ];
      };
      networks = mkOption {
        type = types.listOf types.str;
        default = [ ];
      };
    };
  };

  # Authelia's YAML leaves empty lists out.
  toAuthelia =
    r:
    lib.filterAttrs (_: v: v != [ ]) {
      inherit (r) domain policy subject resources methods networks;
    };
in
{
  options.homey.authelia = {
    enable = mkOption {
      type = types.bool;
      default = config.homey.services.authelia.enable or false;
    };
    accessControlRules = mkOption {
      type = types.listOf rule;
      default = [ ];
    };
  };

  config = lib.mkIf cfg.enable {
    environment.etc."authelia/access-control.json".text = builtins.toJSON {
      default_policy = "deny";
      rules = map toAuthelia (lib.sort (a: b: a.priority < b.priority) cfg.accessControlRules);
    };
  };
}
