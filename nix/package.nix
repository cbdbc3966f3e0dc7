# homey-admin as a Nix package: nixpkgs' buildNpmPackage with importNpmLock (every hash comes
# from package-lock.json: no npmDepsHash to keep in sync), better-sqlite3 compiled from source
# against the same Node it runs on, Prisma's JS engine (no native Prisma binary anywhere),
# `npm run build` (Next + the compiled server), and two wrappers that run plain `node`.
#
# The lock names no registry, so the registry base is an argument with no default:
#   pkgs.callPackage ./nix/package.nix { npmRegistry = "https://<your npm registry>"; }
# or, from the flake: homey-admin.packages.${system}.default.override { npmRegistry = …; }
{
  lib,
  buildNpmPackage,
  importNpmLock,
  callPackages,
  path,
  nodejs_20,
  makeWrapper,
  git,
  npmRegistry ? null,
  nodejs ? nodejs_20,
  src ? lib.cleanSourceWith {
    src = ../.;
    # Build outputs and local state of a checkout never go into the package's source.
    filter =
      file: type:
      !(builtins.elem (baseNameOf file) [
        "node_modules"
        ".next"
        "dist"
        "data"
        ".tmp"
        "result"
      ])
      && lib.cleanSourceFilter file type;
  },
}:
let
  # Interpolated: `src` is a filtered source (an attribute set with outPath), not a path.
  packageJson = lib.importJSON "${src}/package.json";

  registry =
    if npmRegistry == null then
      throw "homey-admin: set the npm registry base the package fetches from: `.override { npmRegistry = \"https://…\"; }` on the package, or services.homey-admin.npmRegistry in the NixOS module"
    else
      npmRegistry;

  packageLock = import ./lock-urls.nix {
    inherit registry;
    packageLock = lib.importJSON "${src}/package-lock.json";
  };

  # importNpmLock's own hook, built for *our* Node: its node-gyp headers must match the Node
  # that loads better-sqlite3 at run time (the top-level hook uses the default nodejs).
  npmHooks = callPackages (path + "/pkgs/build-support/node/import-npm-lock/hooks") { inherit nodejs; };

  appDir = "$out/lib/homey-admin";
in
buildNpmPackage {
  pname = "homey-admin";
  inherit (packageJson) version;
  inherit src nodejs;

  npmDeps = importNpmLock {
    npmRoot = "${src}";
    package = packageJson;
    inherit packageLock;
  };
  npmConfigHook = npmHooks.npmConfigHook;

  nativeBuildInputs = [ makeWrapper ];

  env = {
    NEXT_TELEMETRY_DISABLED = "1";
    # No prebuilt download (there is no network in the sandbox): node-gyp builds it.
    npm_config_build_from_source = "true";
    # The client is generated once, in preBuild, from our schema; the engines' download
    # attempts fail silently offline and nothing needs them (engine "js").
    PRISMA_SKIP_POSTINSTALL_GENERATE = "1";
    PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING = "1";
  };

  preConfigure = ''
    # The Prisma CLI wants DATABASE_URL for every command, or it reaches for a native engine.
    export DATABASE_URL="file:$TMPDIR/prisma-generate.db"
  '';

  preBuild = ''
    node node_modules/prisma/build/index.js generate
  '';

  # `npm run build` (the default) = next build + server.ts compiled to dist/server.js.

  installPhase = ''
    runHook preInstall
    # The same layout `npm start` and the tests run (node_modules pruned to production).
    bash scripts/install-prod.sh "${appDir}"

    # The V8 flags of `npm start` (package.json config.nodeFlags; README "Benchmarks" has the
    # resident memory they were chosen by), so the package runs what the benchmark measured.
    makeWrapper ${lib.getExe nodejs} $out/bin/homey-admin \
      --chdir "${appDir}" \
      --add-flags "${packageJson.config.nodeFlags} ${appDir}/dist/server.js" \
      --set NODE_ENV production \
      --set NEXT_TELEMETRY_DISABLED 1 \
      --prefix PATH : ${lib.makeBinPath [ git ]}

    makeWrapper ${lib.getExe nodejs} $out/bin/homey-admin-migrate \
      --chdir "${appDir}" \
      --add-flags "${appDir}/node_modules/prisma/build/index.js migrate deploy" \
      --set NODE_ENV production

    runHook postInstall
  '';

  passthru = { inherit packageLock; };

  meta = {
    description = packageJson.description;
    mainProgram = "homey-admin";
    platforms = [
      "aarch64-linux"
      "x86_64-linux"
    ];
  };
}
