# pi-main: the Raspberry Pi 4 that runs homey.
{ domain, timezone, ... }:
{
  networking.hostName = "pi-main";
  networking.domain = domain;
  time.timeZone = timezone;

  users.mutableUsers = false;

  zramSwap = {
    enable = true;
    algorithm = "zstd";
    memoryPercent = 25;
  };

  system.stateVersion = "25.05";
}
