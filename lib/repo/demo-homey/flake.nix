# homey — NixOS homelab on a Raspberry Pi 4 (demo copy created by homey-admin).
{
  description = "homey: NixOS homelab on a Raspberry Pi 4";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";

  outputs =
    { nixpkgs, ... }:
    let
      # Passed to every module as specialArgs: never hardcode the domain in a module.
      homeyConfig = {
        domain = @domain@;
        organization = "homey";
        timezone = "Europe/Berlin";
      };

      mkHost =
        hostModule:
        nixpkgs.lib.nixosSystem {
          system = "aarch64-linux";
          specialArgs = homeyConfig;
          modules = [
            ./modules/services
            ./modules/caddy.nix
            ./modules/services/authelia.nix
            ./modules/services/uptime-kuma.nix
            ./modules/backup.nix
            # Everything homey-admin manages (services, vhosts, access rules, monitors, backup).
            ./generated
            hostModule
          ];
        };
    in
    {
      nixosConfigurations.pi-main = mkHost ./hosts/pi-main;
    };
}
