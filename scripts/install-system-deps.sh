#!/usr/bin/env bash
# Debian packages the tests use for real: Chromium (Playwright), OpenSSH (the deploy
# target), Nix (parse/evaluate/build what we render), git, systemd-nspawn + debootstrap (the
# deploy target with real systemd, scripts/test-rig/systemd-target.ts), Prometheus (the live
# state of services, read from its HTTP API). Installs only what is missing.
# Arguments name a smaller list (the demo needs only nix-bin and git).
set -euo pipefail
if [ $# -gt 0 ]; then packages=("$@"); else packages=(chromium openssh-server nix-bin git systemd-container debootstrap prometheus); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
