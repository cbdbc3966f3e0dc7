#!/usr/bin/env bash
# Resident memory of the whole homey-admin process tree, in demo mode, for the old way of
# starting it (npx + tsx at run time) and the production way (`node dist/server.js`):
# after boot, and after 100 loads of / (curl on 127.0.0.1). Needs `npm run build` first.
#   bash bench/footprint.sh            # both
#   bash bench/footprint.sh node       # only the compiled server
# Targets (issues 10, 12): <= 150 MB idle, <= 200 MB after 100 loads, whole process tree.
# The compiled server's figures are also printed as `##bench {json}` lines for `npm run bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/server.js ] || { echo "footprint: run \`npm run build\` first" >&2; exit 1; }
modes=("${@:-tsx node}")
read -r -a modes <<<"${modes[*]}"
export NEXT_TELEMETRY_DISABLED=1
# The production start command's V8 flags (package.json config.nodeFlags, also used by `npm
# start` and the Nix wrapper); BENCH_NODE_FLAGS="" measures without them.
node_flags=${BENCH_NODE_FLAGS-$(node -p 'require("./package.json").config.nodeFlags')}

# Sum of VmRSS (kB) over a PID and all its descendants.
tree_rss_kb() {
  local pids=("$1") i=0 total=0 pid child
  while [ $i -lt ${#pids[@]} ]; do
    pid=${pids[$i]}
    for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do pids+=("$child"); done
    i=$((i + 1))
  done
  for pid in "${pids[@]}"; do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' /proc/"$pid"/status 2>/dev/null || echo 0)))
  done
  echo "$total ${#pids[@]}"
}

measure() {
  local mode=$1 port=$2 data pid
  data=$(mktemp -d)
  export HOMEY_DATA_DIR=$data DATABASE_URL="file:$data/homey-admin.db" PORT=$port HOST=127.0.0.1
  node node_modules/prisma/build/index.js migrate deploy >/dev/null 2>&1
  case $mode in
    tsx) setsid npx tsx server.ts --demo >"$data/log" 2>&1 & ;;
    # shellcheck disable=SC2086 # the flags are words
    node) setsid node $node_flags dist/server.js --demo >"$data/log" 2>&1 & ;;
  esac
  pid=$!
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.2; done
  sleep 3
  read -r idle procs <<<"$(tree_rss_kb "$pid")"
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/"; done
  sleep 2
  read -r loaded _ <<<"$(tree_rss_kb "$pid")"
  kill -TERM -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  local idle_mb=$((idle / 1024)) loaded_mb=$((loaded / 1024))
  if [ "$mode" = node ]; then
    printf '##bench {"id":"rss-idle","figure":"resident memory, whole tree, idle","value":%d,"unit":"MB","note":"%d process(es)","target":"≤ 150 MB","ok":%s}\n' \
      "$idle_mb" "$procs" "$([ "$idle_mb" -le 150 ] && echo true || echo false)"
    printf '##bench {"id":"rss-loaded","figure":"resident memory, whole tree, after 100 loads","value":%d,"unit":"MB","target":"≤ 200 MB","ok":%s}\n' \
      "$loaded_mb" "$([ "$loaded_mb" -le 200 ] && echo true || echo false)"
  fi
  echo "$([ "$mode" = tsx ] && echo "npx tsx server.ts (old)" || echo "node $node_flags dist/server.js")"
  printf '  %3d procs  idle %4d MB (target <= 150 %s)  after 100 loads %4d MB (target <= 200 %s)\n' "$procs" \
    "$idle_mb" "$([ "$idle_mb" -le 150 ] && echo ✔ || echo ✘)" "$loaded_mb" "$([ "$loaded_mb" -le 200 ] && echo ✔ || echo ✘)"
}

port=$((3950 + ${HOMEY_E2E_PORT_OFFSET:-0}))
for mode in "${modes[@]}"; do
  measure "$mode" $port
  port=$((port + 1))
done
