# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
# Keys are subdomains ("@" is the bare domain); caddy.nix builds the HTTPS + loopback pair
# and, when auth = true, the Authelia forward_auth.
{ domain, ... }:
{
  homey.caddy.virtualHosts = @virtualHosts@;
}
