# Managed by homey-admin: hand edits are overwritten on the next apply.
# Edit these settings in the homey-admin dashboard instead.
# (Empty until the first Apply from the dashboard.)
{ ... }:
{
  imports = [ ];
}
