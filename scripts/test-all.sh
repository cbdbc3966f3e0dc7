#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs, then type-checks, lints (layer rules included), runs the
# unit and integration tests (Vitest), builds, and runs the browser suite (Playwright).
# Ends with one line "N passed, N failed"; exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
# homey runs in homelabs, often offline: Next.js must never phone home.
export NEXT_TELEMETRY_DISABLED=1
root=$PWD
results="$root/.tmp/results"
rm -rf "$results" && mkdir -p "$results"

bash scripts/install-system-deps.sh
npm ci --no-audit --no-fund
# The Prisma CLI wants DATABASE_URL for every command; without it, it tries to download a
# native engine (and fails offline). Tests make their own database files.
export DATABASE_URL="file:$root/.tmp/generate.db"
npx prisma generate
# The migrations must apply to an empty database exactly as production applies them.
DATABASE_URL="file:$root/.tmp/migrate-check.db" npx prisma migrate deploy
rm -f "$root/.tmp/migrate-check.db"

npx tsc --noEmit
# Lint includes the layer rules (eslint.config.mjs): a boundary violation fails the run.
npm run lint

# Before the tests: scripts/install-prod.test.ts runs the built output as the Nix package does.
npm run build 2>&1 | tee "$results/build.log"
# A dynamic path in server code makes Turbopack trace (and ship) the whole project: refused like a lint error.
if grep -q "causes tracing of the whole project" "$results/build.log"; then
  echo "next build: dynamic filesystem access traces the whole project (see the warning above); scope the path or mark it /*turbopackIgnore: true*/" >&2
  exit 1
fi
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json" || status=1
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json || status=1

node scripts/summarise-results.mjs "$results/vitest.json" "$results/playwright.json"
exit $status
