# Our package-lock.json carries `integrity` but no `resolved` URL (lockfiles here are written
# without registry addresses), and nixpkgs' importNpmLock fetches only entries whose
# `resolved` is a URL. This adds the URL every registry entry would have had, from its name,
# version and the registry base the user supplies, so importNpmLock can fetch (and verify
# against `integrity`) each tarball. Pure builtins only: tests evaluate it without nixpkgs.
#
#   import ./lock-urls.nix { registry = "https://…"; packageLock = builtins.fromJSON (…); }
#   => the lock with `resolved` on every registry entry (an attribute set, for `packageLock`)
{ registry, packageLock }:
let
  inherit (builtins) elemAt filter isString length mapAttrs match split;

  # The base without trailing slashes; only http(s), which is what importNpmLock fetches.
  base =
    let
      trimmed = match "(.*[^/])/*" registry;
    in
    if !(isString registry) || match "https?://[^/]+.*" registry == null then
      throw "homey-admin: the npm registry base must be an http(s) URL, e.g. \"https://<registry host>\"; got ${builtins.toJSON registry}"
    else
      elemAt trimmed 0;

  # "node_modules/a/node_modules/@s/b" -> "@s/b": the folder npm installed the entry into.
  installedName =
    path:
    let
      parts = filter isString (split "node_modules/" path);
    in
    elemAt parts (length parts - 1);

  # An alias (`"foo": "npm:bar@1"`) is installed as foo but fetched as bar: the entry says so in `name`.
  packageName = path: entry: entry.name or (installedName path);

  # The tarball's file name drops the scope: @s/b -> b-<version>.tgz.
  unscoped =
    name:
    let
      scoped = match "@[^/]+/(.+)" name;
    in
    if scoped == null then name else elemAt scoped 0;

  # What the registry serves: an installed entry with a version and an integrity hash that
  # names no source of its own. Left alone: the root project (""), workspace folders and
  # links (no node_modules/ in the key, or `link`), entries bundled inside their parent's
  # tarball (`inBundle`), and anything already resolved (git, file:, a URL).
  fromRegistry =
    path: entry:
    match "(.*/)?node_modules/.+" path != null
    && entry ? version
    && entry ? integrity
    && !(entry ? resolved)
    && !(entry.link or false)
    && !(entry.inBundle or false);

  withUrl =
    path: entry:
    if fromRegistry path entry then
      let
        name = packageName path entry;
      in
      entry // { resolved = "${base}/${name}/-/${unscoped name}-${entry.version}.tgz"; }
    else
      entry;
in
if !(packageLock ? packages) then
  throw "homey-admin: package-lock.json has no `packages` (lockfileVersion ${toString (packageLock.lockfileVersion or "?")}); regenerate it with npm 7 or later"
else
  # Checked up front, so a wrong base fails even before any entry is fetched.
  builtins.seq base (packageLock // { packages = mapAttrs withUrl packageLock.packages; })
