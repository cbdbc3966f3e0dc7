#!/bin/sh
# unit-actions -- homey-admin TEST STAND-IN part of switch-to-configuration (not NixOS's).
# Decides which units a switch stops, starts, restarts and reloads from the running and the
# new system's unit files, as NixOS's switch-to-configuration does from
# /run/current-system/etc/systemd/system and $out/etc/systemd/system, and prints its lines:
#
#   unit-actions dry    RUNNING NEW   the dry-activate lines ("would stop the following units: ...")
#   unit-actions before RUNNING NEW   what a switch prints before activating ("stopping ...", "NOT restarting ...")
#   unit-actions after  RUNNING NEW   what it prints after ("reloading ...", "restarting ...", "starting ...", new units)
#   unit-actions plan   RUNNING NEW   the same decisions for a program, on stdout: "<stop|start|restart|reload|skip> <unit>"
#                                     per line (new units are "start"); standin/systemd-units.mjs carries them out
#
# RUNNING / NEW: unit directories (RUNNING may be missing: nothing runs yet).
# Rules (NixOS's, for the parts the stand-in's units use):
#   only in RUNNING                                  -> stop
#   only in NEW                                      -> start (a new unit, wanted by multi-user.target)
#   changed, only X-Reload-Triggers differs          -> reload
#   changed, X-RestartIfChanged=false                -> not restarted ("NOT restarting the following changed units")
#   changed, X-StopIfChanged=false                   -> restart
#   changed otherwise (stopIfChanged, the default)   -> stop, then start
# Lines go to stderr, as switch-to-configuration writes them.
set -eu
phase="${1:?usage: unit-actions dry|before|after RUNNING NEW}"
running="${2:?running unit directory}"
new="${3:?new unit directory}"

stop="" start="" new_units="" restart="" reload="" skip=""
add() { eval "$1=\"\${$1} $2\""; }

without_reload_triggers() { grep -v '^X-Reload-Triggers=' "$1" || true; }

if [ -d "$running" ]; then
  for path in "$running"/*; do
    [ -e "$path" ] || continue
    unit=$(basename "$path")
    if [ ! -e "$new/$unit" ]; then
      add stop "$unit"
    elif ! cmp -s "$path" "$new/$unit"; then
      if [ "$(without_reload_triggers "$path")" = "$(without_reload_triggers "$new/$unit")" ]; then
        add reload "$unit"
      elif grep -qx 'X-RestartIfChanged=false' "$new/$unit"; then
        add skip "$unit"
      elif grep -qx 'X-StopIfChanged=false' "$new/$unit"; then
        add restart "$unit"
      else
        add stop "$unit"
        add start "$unit"
      fi
    fi
  done
fi
if [ -d "$new" ]; then
  for path in "$new"/*; do
    [ -e "$path" ] || continue
    unit=$(basename "$path")
    [ -e "$running/$unit" ] || add new_units "$unit"
  done
fi

# "a b c" -> "a, b, c", sorted.
list() { printf '%s\n' $1 | sort | paste -sd, - | sed 's/,/, /g'; }
# shellcheck disable=SC2086 # word splitting is the point: $2 is a space-separated list
say() { [ -z "$(echo $2)" ] || echo "$1 $(list "$2")" >&2; }

case "$phase" in
  dry)
    say "would stop the following units:" "$stop"
    say "would NOT stop the following changed units:" "$skip"
    echo "would activate the configuration..." >&2
    say "would reload the following units:" "$reload"
    say "would restart the following units:" "$restart"
    say "would start the following units:" "$start $new_units" ;;
  before)
    say "stopping the following units:" "$stop"
    say "NOT restarting the following changed units:" "$skip" ;;
  after)
    say "reloading the following units:" "$reload"
    say "restarting the following units:" "$restart"
    say "starting the following units:" "$start"
    say "the following new units were started:" "$new_units" ;;
  plan)
    # shellcheck disable=SC2086 # word splitting is the point
    for u in $stop; do echo "stop $u"; done
    # shellcheck disable=SC2086
    for u in $skip; do echo "skip $u"; done
    # shellcheck disable=SC2086
    for u in $reload; do echo "reload $u"; done
    # shellcheck disable=SC2086
    for u in $restart; do echo "restart $u"; done
    # shellcheck disable=SC2086
    for u in $start $new_units; do echo "start $u"; done ;;
  *)
    echo "unit-actions: unknown phase '$phase' (dry, before, after or plan)" >&2
    exit 1 ;;
esac
