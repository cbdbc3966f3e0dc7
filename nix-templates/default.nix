# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
{ ... }:
{
  imports = [
    ./services.nix
    ./vhosts.nix
    ./access-rules.nix
    ./monitors.nix
    ./backup.nix
  ];
}
