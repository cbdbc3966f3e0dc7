#!/usr/bin/env bash
# Server time of the pages, warm: the built server in demo mode on 127.0.0.1 (its own data
# dir, demo repo and database), each page loaded once to warm it, then N times with curl;
# p50 of time to first byte and total, beside `/` as the anchor. Then first-load JS per page:
# the gzip size of every script the page's HTML loads. Needs `npm run build` first.
#   bash bench/pages.sh            # N=20
#   BENCH_RUNS=50 bash bench/pages.sh
# Targets (issue 12): /quick and /changes <= 100 ms warm; first-load JS /quick <= 120 kB, every page <= 150 kB.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/server.js ] || { echo "pages: run \`npm run build\` first" >&2; exit 1; }
runs=${BENCH_RUNS:-20}
port=${BENCH_PORT:-$((3960 + ${HOMEY_E2E_PORT_OFFSET:-0}))}
export NEXT_TELEMETRY_DISABLED=1
data=$(mktemp -d)
export HOMEY_DATA_DIR=$data DATABASE_URL="file:$data/homey-admin.db" PORT=$port HOST=127.0.0.1
node node_modules/prisma/build/index.js migrate deploy >/dev/null 2>&1
# The production start command's V8 flags (package.json config.nodeFlags); BENCH_NODE_FLAGS="" runs without.
node_flags=${BENCH_NODE_FLAGS-$(node -p 'require("./package.json").config.nodeFlags')}
# shellcheck disable=SC2086 # the flags are words
setsid node $node_flags dist/server.js --demo >"$data/log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$port/api/health" && break; sleep 0.2; done

base="http://127.0.0.1:$port"
p50() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "page server time, warm, p50 of $runs (demo mode, node $node_flags dist/server.js, $(nproc) cores)"
printf '  %-10s %10s %10s   %s\n' page "TTFB ms" "total ms" "target"
for page in / /quick /changes; do
  curl -fs -o /dev/null "$base$page" # warm: first render, per-commit caches
  times=$(for _ in $(seq "$runs"); do curl -fs -o /dev/null -w '%{time_starttransfer} %{time_total}\n' "$base$page"; done)
  ttfb=$(awk '{ print $1 * 1000 }' <<<"$times" | p50)
  total=$(awk '{ print $2 * 1000 }' <<<"$times" | p50)
  target=$([ "$page" = / ] && echo "anchor" || awk -v t="$total" 'BEGIN { print (t <= 100 ? "<= 100 ✔" : "<= 100 ✘") }')
  printf '  %-10s %10.0f %10.0f   %s\n' "$page" "$ttfb" "$total" "$target"
done

# A <script noModule> (Next's legacy polyfills, ~39 kB) is skipped by every browser that runs
# ES modules, i.e. every browser Next 16 supports: it is not part of what a phone downloads.
echo "first-load JS per page (gzip -9 of every <script src> in the page's HTML, noModule excluded)"
pages=(/ /quick /changes /deploys /services /vhosts/new /access-rules)
declare -A seen=() sizes=()
for page in "${pages[@]}"; do
  html=$(curl -fs "$base$page")
  total=0
  count=0
  for src in $(grep -o '<script src="[^"]*"[^>]*>' <<<"$html" | grep -vi 'nomodule' | sed 's/<script src="//; s/".*$//' | sort -u); do
    size=$(curl -fs "$base$src" | gzip -9 | wc -c)
    seen[$src]=$((${seen[$src]:-0} + 1))
    sizes[$src]=$size
    total=$((total + size))
    count=$((count + 1))
  done
  limit=$([ "$page" = /quick ] && echo 120 || echo 150)
  printf '  %-14s %4d kB in %2d scripts   (target <= %d kB %s)\n' "$page" $((total / 1024)) "$count" "$limit" \
    "$([ $((total / 1024)) -le "$limit" ] && echo ✔ || echo ✘)"
done
# The floor: what every page loads (Next's router and React's runtime, the root layout's nav).
floor=0
for src in "${!seen[@]}"; do [ "${seen[$src]}" -eq ${#pages[@]} ] && floor=$((floor + ${sizes[$src]})); done
printf '  %-14s %4d kB   (floor: Next 16 + React 19 runtime and the nav, on every page)\n' "shared" $((floor / 1024))
