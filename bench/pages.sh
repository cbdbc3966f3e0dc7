#!/usr/bin/env bash
# Server time of the pages, warm: the built server in demo mode on 127.0.0.1 (its own data
# dir, demo repo and database), each page loaded once to warm it, then N times with curl;
# p50 of time to first byte and total, beside `/` as the anchor. Then first-load JS per page:
# the gzip size of every script the page's HTML loads. Needs `npm run build` first.
#   bash bench/pages.sh            # N=20
#   BENCH_RUNS=50 bash bench/pages.sh
# Each figure is also printed as a `##bench {json}` line for `npm run bench` (bench/all.ts).
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
# One machine-readable figure (bench/report.ts): bench_line ID FIGURE VALUE UNIT TARGET OK [ANCHOR ANCHOR_VALUE]
bench_line() {
  node -e 'const [id, figure, value, unit, target, ok, anchor, anchorValue] = process.argv.slice(1);
    console.log("##bench " + JSON.stringify({ id, figure, value: Number(value), unit, target, ok: ok === "1",
      ...(anchor ? { anchor, anchorValue: Number(anchorValue) } : {}) }));' "$@"
}

echo "page server time, warm, p50 of $runs (demo mode, node $node_flags dist/server.js, $(nproc) cores)"
printf '  %-10s %10s %10s   %s\n' page "TTFB ms" "total ms" "target"
anchor_total=0
for page in / /quick /changes; do
  curl -fs -o /dev/null "$base$page" # warm: first render, per-commit caches
  times=$(for _ in $(seq "$runs"); do curl -fs -o /dev/null -w '%{time_starttransfer} %{time_total}\n' "$base$page"; done)
  ttfb=$(awk '{ print $1 * 1000 }' <<<"$times" | p50)
  total=$(awk '{ print $2 * 1000 }' <<<"$times" | p50)
  target=$([ "$page" = / ] && echo "anchor" || awk -v t="$total" 'BEGIN { print (t <= 100 ? "<= 100 ✔" : "<= 100 ✘") }')
  printf '  %-10s %10.0f %10.0f   %s\n' "$page" "$ttfb" "$total" "$target"
  if [ "$page" = / ]; then anchor_total=$total; else
    bench_line "page-${page#/}" "$page server time, warm" "$total" ms "≤ 100 ms" "$(awk -v t="$total" 'BEGIN { print (t <= 100) }')" "/ warm" "$anchor_total"
  fi
done

# A <script noModule> (Next's legacy polyfills, ~39 kB) is skipped by every browser that runs
# ES modules, i.e. every browser Next 16 supports: it is not part of what a phone downloads.
echo "first-load JS per page (gzip -9 of every <script src> in the page's HTML, noModule excluded)"
# BENCH_PAGES="/ /vhosts/new" measures other pages; the default has every editor.
read -r -a pages <<<"${BENCH_PAGES:-/ /quick /changes /deploys /services /access-rules /vhosts/new /services/new /monitors/new /access-rules/new /backups/new}"
declare -A seen=() sizes=() js_kb=()
for page in "${pages[@]}"; do
  html=$(curl -fs "$base$page")
  total=0
  count=0
  for src in $(grep -o '<script [^>]*src="[^"]*"[^>]*>' <<<"$html" | grep -vi 'nomodule' | sed 's/^.* src="//; s/".*$//' | sort -u); do
    size=$(curl -fs "$base$src" | gzip -9 | wc -c)
    seen[$src]=$((${seen[$src]:-0} + 1))
    sizes[$src]=$size
    total=$((total + size))
    count=$((count + 1))
  done
  limit=$([ "$page" = /quick ] && echo 120 || echo 150)
  printf '  %-18s %4d kB in %2d scripts   (target <= %d kB %s)\n' "$page" $((total / 1024)) "$count" "$limit" \
    "$([ $((total / 1024)) -le "$limit" ] && echo ✔ || echo ✘)"
  js_kb[$page]=$((total / 1024))
done
# The floor: what every App Router page loads (Next's router and React's runtime, the root
# layout's nav). /quick is not one: a route handler with its own Preact script (app/quick/route.ts).
app_pages=0
for page in "${pages[@]}"; do [ "$page" != /quick ] && app_pages=$((app_pages + 1)); done
floor=0
for src in "${!seen[@]}"; do [ "${seen[$src]}" -eq "$app_pages" ] && floor=$((floor + ${sizes[$src]})); done
printf '  %-18s %4d kB   (floor: Next 16 + React 19 runtime and the nav, on every App Router page)\n' "shared" $((floor / 1024))
for page in "${pages[@]}"; do
  limit=$([ "$page" = /quick ] && echo 120 || echo 150)
  bench_line "js-$page" "first-load JS $page (gzip)" "${js_kb[$page]}" kB "≤ $limit kB" "$([ "${js_kb[$page]}" -le "$limit" ] && echo 1 || echo 0)" \
    "shared by every App Router page" $((floor / 1024))
done
