#!/usr/bin/env bash
# Debian packages the tests use for real: Chromium (Playwright), OpenSSH (the deploy
# target), Nix (parse/evaluate/build what we render), git, systemd-nspawn + debootstrap (the
# deploy target with real systemd, scripts/test-rig/systemd-target.ts), Prometheus (the live
# state of services, read from its HTTP API), Caddy (the stand-in activation runs the real
# proxy in front of the vhosts' upstreams, lib/demo/standin/caddy.mjs — never the package's own
# caddy.service, which would bind ports 80/443). Installs only what is missing.
# Arguments name a smaller list (the demo needs only nix-bin and git).
set -euo pipefail
if [ $# -gt 0 ]; then packages=("$@"); else packages=(chromium openssh-server nix-bin git systemd-container debootstrap prometheus caddy); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # Debian's caddy package starts caddy.service on install (a Caddyfile serving :80). The tests
  # run their own caddy on a free loopback port, so no package may start a service: a
  # policy-rc.d answering 101 ("action forbidden") for the install, removed after (a container
  # image's own policy-rc.d is left alone).
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# homey-admin install-system-deps.sh: no service starts during this install\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    own_policy=1
  fi
  status=0
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" || status=$?
  [ "$own_policy" = 0 ] || $SUDO rm -f "$policy"
  [ "$status" = 0 ] || exit "$status"
fi
# The package enables caddy.service for the next boot; on a machine with systemd, keep it off.
if dpkg-query -W -f='${Status}' caddy 2>/dev/null | grep -q "install ok installed" && [ -d /run/systemd/system ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO systemctl disable --now caddy.service >/dev/null 2>&1 || true
fi
