# Reverse proxy. Each virtual host becomes a pair: the HTTPS vhost and an http:// vhost on
# loopback for cloudflared. auth = true puts Authelia's forward_auth in front of it.
{
  config,
  lib,
  domain,
  ...
}:
let
  inherit (lib) mkOption types;
  cfg = config.homey.caddy;

  hostName = sub: if sub == "@" then domain else "${sub}.${domain}";

  forwardAuth = ''
    forward_auth 127.0.0.1:9091 {
      uri /api/authz/forward-auth
      copy_headers Remote-User Remote-Groups Remote-Name Remote-Email
    }
  '';

  vhostConfig = vhost: ''
    ${lib.optionalString vhost.auth forwardAuth}
    reverse_proxy ${vhost.host}:${toString vhost.port}
  '';

  pair =
    sub: vhost:
    let
      host = hostName sub;
    in
    {
      ${host}.extraConfig = vhostConfig vhost;
      "http://${host}".extraConfig = vhostConfig vhost;
    };
in
{
  options.homey.caddy.virtualHosts = mkOption {
    description = "Virtual hosts by subdomain (\"@\" is the bare domain).";
    default = { };
    type = types.attrsOf (
      types.submodule {
        options = {
          host = mkOption {
            type = types.str;
            default = "127.0.0.1";
            description = "Upstream host (a container name on the homey network, or 127.0.0.1).";
          };
          port = mkOption {
            type = types.port;
            description = "Upstream port.";
          };
          auth = mkOption {
            type = types.bool;
            default = true;
            description = "Require Authelia (forward_auth) in front of this host.";
          };
        };
      }
    );
  };

  config = lib.mkIf (cfg.virtualHosts != { }) {
    services.caddy = {
      enable = true;
      virtualHosts = lib.mkMerge (lib.mapAttrsToList pair cfg.virtualHosts);
    };
  };
}
