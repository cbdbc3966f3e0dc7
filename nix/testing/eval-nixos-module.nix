# A small NixOS-style evaluator for one module with option declarations, for tests without
# nixpkgs (lib/nix/eval-modules.nix evaluates generated/, which declares nothing). It
#   - gives the module { config; lib; pkgs; } with lib-stub.nix / pkgs-stub.nix,
#   - computes each declared option's value: the setting if given (type-checked) or its
#     default; an unknown setting, a wrong type or a missing required value is an error
#     naming the option, as in NixOS,
#   - resolves the module's `config` (mkIf, mkMerge, mkOverride/mkDefault by priority) into
#     plain data for everything it sets outside its own options (systemd.services, ...).
#
#   import ./eval-nixos-module.nix { module = ../module.nix; settings = { services.x.enable = true; }; }
#   => { config = { services.x = ...; systemd = ...; }; failedAssertions = [ "..." ]; }
{
  module,
  settings ? { },
  # Options of other modules the module reads (e.g. nix.package), as plain values.
  otherConfig ? { },
  lib ? import ./lib-stub.nix,
  pkgs ? import ./pkgs-stub.nix,
}:
let
  inherit (builtins)
    attrNames
    concatStringsSep
    filter
    foldl'
    isAttrs
    isList
    mapAttrs
    ;

  evaluated = (if builtins.isFunction (import module) then import module else (_: import module)) {
    inherit config lib pkgs;
  };

  isOption = v: isAttrs v && (v._type or null) == "option";
  showPath = concatStringsSep ".";

  optionValue =
    path: option: given:
    let
      value =
        if given ? value then
          given.value
        else if option ? default then
          option.default
        else
          throw "The option `${showPath path}' is used but not defined.";
    in
    if option.type.check value then
      value
    else
      throw "The option `${showPath path}' is not of type `${option.type.name}': ${builtins.toJSON value}";

  # Declared options -> values, walking the declarations and the settings together.
  declaredValues =
    path: declarations: given:
    let
      unknown = filter (name: !(declarations ? ${name})) (attrNames given);
    in
    if unknown != [ ] then
      throw "The option `${showPath (path ++ [ (builtins.head unknown) ])}' does not exist."
    else
      mapAttrs (
        name: declaration:
        let
          here = path ++ [ name ];
        in
        if isOption declaration then
          optionValue here declaration (if given ? ${name} then { value = given.${name}; } else { })
        else
          declaredValues here declaration (given.${name} or { })
      ) declarations;

  # Plain data from mkIf / mkMerge / mkOverride; `absent` marks a definition that is not there.
  absent = {
    _type = "absent";
  };
  isDerivation = v: isAttrs v && (v.type or null) == "derivation";
  resolve =
    v:
    if isAttrs v && (v._type or null) == "if" then
      (if v.condition then resolve v.content else absent)
    else if isAttrs v && (v._type or null) == "merge" then
      foldl' (merge [ ]) absent (map resolve v.contents)
    else if isAttrs v && (v._type or null) == "override" then
      v // { content = resolve v.content; }
    else if isAttrs v && !(isDerivation v) && (v._type or null) == null then
      lib.filterAttrs (_: x: (x._type or null) != "absent") (mapAttrs (_: resolve) v)
    else
      v;

  priority = v: if isAttrs v && (v._type or null) == "override" then v.priority else 100;
  unwrap = v: if isAttrs v && (v._type or null) == "override" then v.content else v;

  # Two definitions of one path: the higher priority wins; equal ones merge as NixOS does
  # for plain data (attrsets recursively, lists concatenated, equal values once).
  merge =
    path: a: b:
    if (a._type or null) == "absent" then
      b
    else if (b._type or null) == "absent" then
      a
    else if priority a < priority b then
      a
    else if priority b < priority a then
      b
    else
      let
        x = unwrap a;
        y = unwrap b;
      in
      if isAttrs x && isAttrs y && !(isDerivation x) then
        x // mapAttrs (name: value: if x ? ${name} then merge (path ++ [ name ]) x.${name} value else value) y
      else if isList x && isList y then
        x ++ y
      else if x == y then
        x
      else
        throw "The option `${showPath path}' has conflicting definitions.";

  strip =
    v:
    if isAttrs v && (v._type or null) == "override" then
      strip v.content
    else if isAttrs v && !(isDerivation v) then
      mapAttrs (_: strip) v
    else if isList v then
      map strip v
    else
      v;

  definitions = strip (resolve (evaluated.config or { }));

  # What the module reads as `config`: its own options' values over the other modules'.
  config = otherConfig // declaredValues [ ] (evaluated.options or { }) settings;
in
{
  config = foldl' (merge [ ]) absent [
    otherConfig
    (declaredValues [ ] (evaluated.options or { }) settings)
    (builtins.removeAttrs definitions [ "assertions" ])
  ];
  failedAssertions = map (a: a.message) (filter (a: !a.assertion) (definitions.assertions or [ ]));
}
