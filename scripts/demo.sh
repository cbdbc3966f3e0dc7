#!/usr/bin/env bash
# Starts homey-admin on the embedded default: a SQLite file in ./data, a demo homey repo
# created on first run, and a simulated deploy target. Everything is labelled demo.
set -euo pipefail
cd "$(dirname "$0")/.."
# Demo deploys build with Debian's Nix and commit with git: a newcomer's first deploy needs both.
bash scripts/install-system-deps.sh nix-bin git
# homey runs in homelabs, often offline: Next.js must never phone home.
export NEXT_TELEMETRY_DISABLED=1
export HOMEY_DATA_DIR="${HOMEY_DATA_DIR:-$PWD/data}"
mkdir -p "$HOMEY_DATA_DIR"
export DATABASE_URL="${DATABASE_URL:-file:$HOMEY_DATA_DIR/homey-admin.db}"
[ -d node_modules/next ] || npm ci --no-audit --no-fund
# Prisma's CLI takes seconds to start: generate only when the schema or the lockfile changed,
# migrate only when the database lacks a migration (both checked in well under a second).
schema_hash=$(cat prisma/schema.prisma package-lock.json | sha256sum | cut -d' ' -f1)
if [ "$(cat lib/generated/prisma/.homey-schema-hash 2>/dev/null)" != "$schema_hash" ]; then
  npx prisma generate >/dev/null
  echo "$schema_hash" > lib/generated/prisma/.homey-schema-hash
fi
node scripts/migrations-current.mjs prisma/migrations "$DATABASE_URL" || npx prisma migrate deploy
# Build only when the sources or dependencies changed since the last build (~45 s here,
# minutes on a Pi); the hash of what was built is kept next to it (.next/homey-build-hash).
if node scripts/build-hash.mjs --check; then
  echo "The build is up to date with the sources: not rebuilding."
else
  source_hash=$(node scripts/build-hash.mjs)
  npm run build
  # The hash from before the build: an edit made while it ran rebuilds next time.
  node scripts/build-hash.mjs --write "$source_hash"
fi
export PORT="${PORT:-3000}"
echo "Open http://127.0.0.1:$PORT (demo mode)"
# The production start command's V8 flags (package.json config.nodeFlags), as `npm start` runs it.
# shellcheck disable=SC2046 # the flags are words
exec node $(node -p 'require("./package.json").config.nodeFlags') dist/server.js --demo
