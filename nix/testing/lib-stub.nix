# A stand-in for the parts of nixpkgs' `lib` that nix/module.nix uses, for evaluating the
# module where there is no nixpkgs (tests). Same names and shapes as nixpkgs' lib: options
# and types carry a `check`, and mkIf/mkMerge/mkOverride produce the tagged values that
# eval-nixos-module.nix resolves. Not a full lib: a name the module starts using fails loudly.
let
  inherit (builtins) all elem isAttrs isBool isInt isList isString match;

  mkOverride = priority: content: {
    _type = "override";
    inherit priority content;
  };

  mkType = name: check: { inherit name check; };

  types = {
    str = mkType "string" isString;
    bool = mkType "boolean" isBool;
    int = mkType "signed integer" isInt;
    port = mkType "16 bit unsigned integer" (v: isInt v && v >= 0 && v <= 65535);
    package = mkType "package" (v: isAttrs v && (v.type or null) == "derivation" && v ? outPath);
    strMatching = re: mkType "string matching the pattern ${re}" (v: isString v && match re v != null);
    enum = values: mkType "one of ${builtins.toJSON values}" (v: elem v values);
    nullOr = t: mkType "null or ${t.name}" (v: v == null || t.check v);
    listOf = t: mkType "list of ${t.name}" (v: isList v && all t.check v);
    ints.between = lo: hi: mkType "integer between ${toString lo} and ${toString hi} (both inclusive)" (v: isInt v && v >= lo && v <= hi);
  };
in
{
  inherit types mkOverride;

  mkOption = attrs: attrs // { _type = "option"; };
  mkEnableOption = name: {
    _type = "option";
    type = types.bool;
    default = false;
    description = "Whether to enable ${name}.";
  };
  mkIf = condition: content: {
    _type = "if";
    inherit condition content;
  };
  mkMerge = contents: {
    _type = "merge";
    inherit contents;
  };
  mkDefault = mkOverride 1000;
  mkForce = mkOverride 50;
  literalExpression = text: {
    _type = "literalExpression";
    inherit text;
  };

  concatStringsSep = builtins.concatStringsSep;
  optionalAttrs = condition: attrs: if condition then attrs else { };
  filterAttrs =
    pred: attrs:
    builtins.listToAttrs (
      builtins.filter ({ name, value }: pred name value) (
        map (name: {
          inherit name;
          value = attrs.${name};
        }) (builtins.attrNames attrs)
      )
    );
  mapAttrsToList = f: attrs: map (name: f name attrs.${name}) (builtins.attrNames attrs);
}
