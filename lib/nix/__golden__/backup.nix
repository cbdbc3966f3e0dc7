# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
{ domain, ... }:
{
  homey.backup.extraPaths = [
    "/var/lib/grafana"
    "/mnt/data/photos"
  ];
  homey.backup.exclude = [
    "/mnt/data/media"
    "*.tmp"
  ];
}
