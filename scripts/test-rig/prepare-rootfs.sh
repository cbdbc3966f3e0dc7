#!/usr/bin/env bash
# The Debian rootfs the systemd deploy target boots (scripts/test-rig/systemd-target.ts):
# debootstrap once, then cached under /var/cache/homey-admin-rootfs and reused. Inside:
# systemd, dbus, OpenSSH, Debian's nix-bin and git (what the stand-in nixos-rebuild needs).
# Nothing is configured for a particular run here: keys, sshd port and the stand-in
# wrapper are written into a per-run overlay before each boot.
#
#   scripts/test-rig/prepare-rootfs.sh      # prints the rootfs path on the last line
#
# The Debian mirror is read from this machine's apt sources at run time (no host name is
# written in the repo). Parallel callers wait for one build (flock).
set -euo pipefail

cache="${HOMEY_ROOTFS_CACHE:-/var/cache/homey-admin-rootfs}"
suite=bookworm
rootfs="$cache/$suite"
# Bump when the package list changes: an older cache is rebuilt.
stamp_text="homey-admin rootfs v1: minbase systemd systemd-sysv dbus openssh-server nix-bin git"

[ "$(id -u)" -eq 0 ] || { echo "error: building the rootfs needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "error: debootstrap is missing: run scripts/install-system-deps.sh" >&2; exit 1; }

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9

if [ -f "$rootfs/.homey-rootfs-stamp" ] && [ "$(cat "$rootfs/.homey-rootfs-stamp")" = "$stamp_text" ]; then
  echo "$rootfs"
  exit 0
fi

mirror_from_apt_sources() {
  # deb822 sources: the first URIs of a stanza whose Suites include the plain suite name.
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    awk -v suite="$suite" '
      /^[[:space:]]*$/ { if (uris != "" && ok) { print uris; exit } uris=""; ok=0; next }
      /^URIs:/ { uris=$2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) ok=1 }
      END { if (uris != "" && ok) print uris }
    ' "$file" | head -n1
  done | head -n1
  # One-line sources.list as a fallback.
  if [ -f /etc/apt/sources.list ]; then
    awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2; exit }' /etc/apt/sources.list
  fi
  return 0
}
mirror="$(mirror_from_apt_sources | head -n1 || true)"
[ -n "$mirror" ] || { echo "error: no Debian mirror for $suite found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list" >&2; exit 1; }

started=$(date +%s)
tmp="$rootfs.tmp"
rm -rf "$tmp" "$rootfs"
echo "debootstrap $suite from $mirror into $tmp (a few minutes, once)..." >&2
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,openssh-server "$suite" "$tmp" "$mirror" >&2
echo "installing nix-bin and git inside..." >&2
DEBIAN_FRONTEND=noninteractive chroot "$tmp" apt-get install -y -qq --no-install-recommends nix-bin git >&2
chroot "$tmp" apt-get clean
# The container shares the host's network: nothing may listen beyond loopback by default,
# and a per-run sshd_config.d file sets the port and keys.
chroot "$tmp" systemctl disable ssh.socket >/dev/null 2>&1 || true
printf '%s\n' "$stamp_text" >"$tmp/.homey-rootfs-stamp"
mv "$tmp" "$rootfs"
echo "rootfs ready in $(( $(date +%s) - started )) s: $rootfs ($(du -sh "$rootfs" | cut -f1))" >&2
echo "$rootfs"
