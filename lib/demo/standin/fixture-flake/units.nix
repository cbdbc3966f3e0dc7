# The stand-in system's systemd units: one file per unit, whose text changes exactly when
# what NixOS would put in that unit changes, so the stand-in's switch-to-configuration can
# decide stop / start / restart / reload from the running and the new unit files, the way
# NixOS's does (it compares /run/current-system's etc/systemd/system with the new one).
#
# Unit names follow homey's modules (and homey-admin's Service.unitName convention):
# `<name>.service` for native services, `podman-<name>.service` for homey's oci-containers.
# What triggers what, as in homey/nixpkgs:
#   - a service's own settings            -> its unit changes (stop + start, NixOS's default stopIfChanged)
#   - virtual hosts                       -> caddy.service's X-Reload-Triggers (nixpkgs' caddy: enableReload,
#                                            reloadTriggers = [ configFile ]) -> reload
#   - access rules                        -> podman-authelia.service's NIXOS_CONFIG_HASH (homey's authelia
#                                            container; the seed: "forces a restart whenever the config changes")
#   - monitors                            -> uptime-kuma-sync.service (homey's hash-gated oneshot)
#   - homey-admin                         -> X-RestartIfChanged=false (restartIfChanged = false: never restarted by a switch)
#   - backup paths                        -> nothing at activation (restic runs from its timer)
{
  services,
  virtualHosts,
  accessRules,
  monitors,
}:
let
  inherit (builtins)
    attrNames
    elem
    filter
    hashString
    listToAttrs
    removeAttrs
    toJSON
    ;

  # homey's modules run these as oci-containers (podman-<name>.service); the rest are native.
  containers = [
    "authelia"
    "uptime-kuma"
    "attic"
    "nextcloud"
  ];
  unitOf = name: if elem name containers then "podman-${name}.service" else "${name}.service";
  hash = value: hashString "sha256" (toJSON value);

  enabled = filter (name: services.${name}.enable or false) (attrNames services);

  serviceUnit =
    name:
    let
      settings = removeAttrs services.${name} [ "enable" ];
    in
    {
      name = unitOf name;
      value = ''
        [Unit]
        Description=homey ${name} (homey-admin stand-in unit)
        [Service]
        Environment=HOMEY_SETTINGS_HASH=${hash settings}
      ''
      + (if name == "caddy" then "X-Reload-Triggers=${hash virtualHosts}\n" else "")
      + (if name == "authelia" then "Environment=NIXOS_CONFIG_HASH=${hash accessRules}\n" else "")
      + (if name == "homey-admin" then "X-RestartIfChanged=false\n" else "");
    };

  kumaSync =
    if elem "uptime-kuma" enabled then
      [
        {
          name = "uptime-kuma-sync.service";
          value = ''
            [Unit]
            Description=homey Uptime Kuma monitor sync (homey-admin stand-in unit)
            [Service]
            Type=oneshot
            RemainAfterExit=true
            Environment=MONITORS_HASH=${hash monitors}
          '';
        }
      ]
    else
      [ ];
in
# name -> unit file text
listToAttrs (map serviceUnit enabled ++ kumaSync)
