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
npx prisma generate >/dev/null
npx prisma migrate deploy
npm run build
export PORT="${PORT:-3000}"
echo "Open http://127.0.0.1:$PORT (demo mode)"
exec node dist/server.js --demo
