# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
# Keys are subdomains ("@" is the bare domain); caddy.nix builds the HTTPS + loopback pair
# and, when auth = true, the Authelia forward_auth.
{ domain, ... }:
{
  homey.caddy.virtualHosts = {
    "@" = {
      auth = false;
      host = "127.0.0.1";
      port = 8082;
    };
    admin = {
      auth = true;
      host = "127.0.0.1";
      port = 3000;
    };
    cloud = {
      auth = false;
      host = "127.0.0.1";
      port = 8080;
    };
    grafana = {
      auth = true;
      host = "127.0.0.1";
      port = 3002;
    };
    status = {
      auth = true;
      host = "uptime-kuma";
      port = 3001;
    };
  };
}
