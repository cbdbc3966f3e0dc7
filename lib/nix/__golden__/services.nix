# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
{ domain, ... }:
{
  homey.services = {
    attic = {
      enable = true;
    };
    eurovote = {
      enable = false;
    };
    grafana = {
      enable = true;
    };
    nextcloud = {
      enable = true;
    };
    uptime-kuma = {
      enable = true;
    };
  };
}
