# A tiny NixOS-style module evaluator for homey-admin's generated/ folder, for places with
# no nixpkgs (tests, the deploy test rig). No option declarations or types: it calls each
# module with { domain; config; lib; pkgs; } (+ specialArgs), follows `imports`, and merges
# definitions the way NixOS does for plain data: attrsets recursively, lists concatenated,
# equal scalars once, anything else a conflict naming the attribute path.
#
#   import ./eval-modules.nix { modules = [ ./generated ]; domain = "example.org"; }
#   => { homey = { services = ...; caddy = ...; ... }; }
#
# A module is a path (or absolute path string) to import, a function, or an attrset; a
# module that sets `config` explicitly contributes only that.
{
  modules,
  domain,
  specialArgs ? { },
}:
let
  args = {
    inherit domain;
    config = { };
    lib = { };
    pkgs = { };
  } // specialArgs;

  load =
    m:
    let
      value = if builtins.isPath m || builtins.isString m then import m else m;
    in
    if builtins.isFunction value then value args else value;

  # A module and everything it imports, as a flat list of definition attrsets.
  collect =
    m:
    let
      module = load m;
      definitions =
        if module ? config then module.config else builtins.removeAttrs module [ "imports" "options" ];
    in
    [ definitions ] ++ builtins.concatMap collect (module.imports or [ ]);

  merge =
    path: a: b:
    if builtins.isAttrs a && builtins.isAttrs b then
      a
      // builtins.mapAttrs (
        name: value: if builtins.hasAttr name a then merge (path ++ [ name ]) a.${name} value else value
      ) b
    else if builtins.isList a && builtins.isList b then
      a ++ b
    else if a == b then
      a
    else
      throw "eval-modules: conflicting definitions for `${builtins.concatStringsSep "." path}`";
in
builtins.foldl' (merge [ ]) { } (
  builtins.concatMap collect (if builtins.isList modules then modules else [ modules ])
)
