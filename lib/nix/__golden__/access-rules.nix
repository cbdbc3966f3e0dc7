# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
# Authelia stops at the first match; homey sorts by priority at build time.
{ domain, ... }:
{
  homey.authelia.accessControlRules = [
    {
      domain = [ "auth.${domain}" ];
      policy = "bypass";
      priority = 0;
    }
    {
      domain = [
        "grafana.${domain}"
        "admin.${domain}"
      ];
      policy = "two_factor";
      priority = 20;
      subject = [
        [ "group:admins" ]
      ];
    }
    {
      domain = [
        "grafana.${domain}"
        "admin.${domain}"
      ];
      policy = "deny";
      priority = 21;
    }
    {
      domain = [ "*.${domain}" ];
      networks = [ "192.168.1.0/24" ];
      policy = "one_factor";
      priority = 50;
      subject = [
        [
          "group:family"
          "user:anna"
        ]
        [ "group:admins" ]
      ];
    }
    {
      domain = [ "cloud.${domain}" ];
      methods = [
        "GET"
        "HEAD"
      ];
      policy = "bypass";
      priority = 65;
      resources = [
        "^/apps/files_sharing/publicpreview.*$"
        "^/s/[a-zA-Z0-9]+$"
      ];
    }
  ];
}
