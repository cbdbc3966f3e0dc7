# Sourced (bash) by the stand-in nixos-rebuild and by its prepare step (lib/demo/standin.ts): a private
# Nix for the stand-in — own store, state, logs and config under $HOMEY_STANDIN_STATE_DIR,
# no daemon, no substituters (nothing is fetched from anywhere), no sandbox (Debian's
# nix-bin runs builds as the calling user).
: "${HOMEY_STANDIN_STATE_DIR:?HOMEY_STANDIN_STATE_DIR is not set: start demo mode or the test rig first}"
standin_nix_root="$HOMEY_STANDIN_STATE_DIR/nix"
export NIX_STORE_DIR="$standin_nix_root/store"
export NIX_STATE_DIR="$standin_nix_root/var"
export NIX_LOG_DIR="$standin_nix_root/log"
export NIX_CONF_DIR="$standin_nix_root/etc"
export HOME="$standin_nix_root/home"
export XDG_CACHE_HOME="$standin_nix_root/cache"
mkdir -p "$NIX_CONF_DIR" "$HOME" "$XDG_CACHE_HOME"
if [ ! -f "$NIX_CONF_DIR/nix.conf" ]; then
  printf '%s\n' "experimental-features = nix-command flakes" "substituters =" \
    "build-users-group =" "sandbox = false" > "$NIX_CONF_DIR/nix.conf"
fi
