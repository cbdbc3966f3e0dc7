# Sourced (POSIX sh) by the stand-in nixos-rebuild and by the stand-in's switch-to-configuration
# when it runs on its own (homey-admin activating a preview's build does what nixos-rebuild does
# after a build: nix-env --set, then <system>/bin/switch-to-configuration): the settings an
# activation reads, from standin.env and the defaults, in one place so both ways agree.
# Needs $standin_dir (lib/demo/standin) and HOMEY_STANDIN_STATE_DIR.
: "${HOMEY_STANDIN_STATE_DIR:?HOMEY_STANDIN_STATE_DIR is not set: start demo mode or the test rig first}"
: "${standin_dir:?activation-env.sh needs standin_dir}"
if [ -f "$HOMEY_STANDIN_STATE_DIR/standin.env" ]; then
  # shellcheck disable=SC1091
  . "$HOMEY_STANDIN_STATE_DIR/standin.env"
fi
export HOMEY_STANDIN_STATE_FILE="${HOMEY_STANDIN_STATE_FILE:-$HOMEY_STANDIN_STATE_DIR/activated.json}"
export HOMEY_STANDIN_DOMAIN="${HOMEY_STANDIN_DOMAIN:-example.test}"
export HOMEY_STANDIN_STEP_DELAY="${HOMEY_STANDIN_STEP_DELAY:-0.05}"
export HOMEY_STANDIN_FAIL_BUILD="${HOMEY_STANDIN_FAIL_BUILD:-}"
# Read by switch-to-configuration at activation time (no rebuild needed to change them).
export HOMEY_STANDIN_FAIL_UNITS="${HOMEY_STANDIN_FAIL_UNITS:-}"
export HOMEY_STANDIN_ACTIVATION_DELAY="${HOMEY_STANDIN_ACTIVATION_DELAY:-}"
# Rig upstreams (upstreams.mjs), when HOMEY_STANDIN_UPSTREAMS=1: activation starts/stops an
# HTTP server per vhost, and Debian's caddy (a node fallback proxy without it, or with
# HOMEY_STANDIN_CADDY=none) on HOMEY_STANDIN_PROXY_PORT.
export HOMEY_STANDIN_UPSTREAMS_CMD=""
[ "${HOMEY_STANDIN_UPSTREAMS:-0}" != 1 ] || HOMEY_STANDIN_UPSTREAMS_CMD="$standin_dir/upstreams.mjs"
export HOMEY_STANDIN_PROXY_PORT="${HOMEY_STANDIN_PROXY_PORT:-}"
# On the nspawn target (systemd as PID 1; its wrapper exports HOMEY_STANDIN_SYSTEMD_UNITS=1), the
# rig upstreams run as real systemd units (standin/systemd-units.mjs) rather than background
# processes; HOMEY_STANDIN_BROKEN_UNITS ("a.service, b.service") makes those units fail to start.
# The nspawn rig also marks the state dir, for a switch-to-configuration run on its own (a
# confirmed preview's transient unit gets none of the wrapper's variables).
[ -n "${HOMEY_STANDIN_SYSTEMD_UNITS:-}" ] || [ ! -f "$HOMEY_STANDIN_STATE_DIR/systemd-units" ] || HOMEY_STANDIN_SYSTEMD_UNITS=1
export HOMEY_STANDIN_SYSTEMD_UNITS_CMD=""
[ -z "$HOMEY_STANDIN_UPSTREAMS_CMD" ] || [ "${HOMEY_STANDIN_SYSTEMD_UNITS:-0}" != 1 ] || HOMEY_STANDIN_SYSTEMD_UNITS_CMD="$standin_dir/systemd-units.mjs"
export HOMEY_STANDIN_BROKEN_UNITS="${HOMEY_STANDIN_BROKEN_UNITS:-}"
export HOMEY_STANDIN_ENV_LOADED=1
# Where a switch-to-configuration run on its own finds this file again.
printf '%s\n' "$standin_dir" > "$HOMEY_STANDIN_STATE_DIR/standin-dir"
