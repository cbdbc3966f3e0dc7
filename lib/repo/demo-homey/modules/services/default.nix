# homey.services.<name>.enable: one switch per service; each service module reads its own.
{ lib, ... }:
let
  inherit (lib) mkEnableOption mkOption types;
in
{
  options.homey.services = mkOption {
    description = "Services of the homelab, by name.";
    default = { };
    type = types.attrsOf (
      types.submodule (
        { name, ... }:
        {
          options.enable = mkEnableOption "the ${name} service";
        }
      )
    );
  };
}
