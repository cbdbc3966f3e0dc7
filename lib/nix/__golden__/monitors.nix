# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
{ domain, ... }:
{
  homey.monitoring.monitors = [
    {
      interval = 600;
      maxretries = 1;
      name = "Cloudflare";
      type = "http";
      url = "https://www.cloudflare.com/cdn-cgi/trace";
    }
    {
      interval = 60;
      maxretries = 2;
      name = "Grafana";
      type = "http";
      url = "https://grafana.${domain}/api/health";
    }
    {
      interval = 300;
      maxretries = 0;
      name = "Homepage";
      type = "http";
      url = "https://${domain}/";
    }
    {
      interval = 60;
      keyword = "\"installed\":true";
      maxretries = 3;
      name = "Nextcloud";
      type = "keyword";
      url = "https://cloud.${domain}/status.php";
    }
  ];
}
