{
  description = "homey-admin: the web admin dashboard for homey, a NixOS homelab";

  # Follow your own nixpkgs (`inputs.homey-admin.inputs.nixpkgs.follows = "nixpkgs";`);
  # nixos-25.05 is the tested pin.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "aarch64-linux"
        "x86_64-linux"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      # Needs the npm registry base: `.override { npmRegistry = "https://…"; }` (see README).
      packages = forAllSystems (pkgs: {
        default = pkgs.callPackage ./nix/package.nix { };
      });

      nixosModules.default = ./nix/module.nix;

      # For `import`ing into another flake's lib without evaluating nixpkgs.
      lib.lockWithUrls = import ./nix/lock-urls.nix;
    };
}
