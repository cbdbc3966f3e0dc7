# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
# Authelia stops at the first match; homey sorts by priority at build time.
{ domain, ... }:
{
  homey.authelia.accessControlRules = @accessControlRules@;
}
