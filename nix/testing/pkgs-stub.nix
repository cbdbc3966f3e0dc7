# A stand-in for the few `pkgs` attributes nix/module.nix uses: derivation-shaped values
# with fixed store paths (never built), and a callPackage that records what it was called with.
let
  stubDerivation = name: {
    type = "derivation";
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
  };
in
{
  inherit stubDerivation;
  git = stubDerivation "git-stub";
  coreutils = stubDerivation "coreutils-stub";
  callPackage =
    file: args:
    stubDerivation "callPackage-stub-${baseNameOf (toString file)}"
    // {
      callPackageFile = toString file;
      callPackageArgs = args;
    };
}
