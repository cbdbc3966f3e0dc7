#!/usr/bin/env bash
# Lays out what the production server needs at run time into DEST (an empty or new folder),
# from a checkout where `npm run build` has run: the Next build (without its cache), the
# compiled server, the migrations and Prisma config, the Nix templates and evaluator, and
# node_modules pruned to production dependencies. The Nix package's installPhase runs this,
# and a test runs the same layout's start command, so what the package ships is what is tested.
#   bash scripts/install-prod.sh DEST
#   cd DEST && node <package.json config.nodeFlags> dist/server.js   (what bin/homey-admin runs)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?usage: install-prod.sh DEST}
dist_dir=${HOMEY_NEXT_DIST_DIR:-.next}
if [ ! -f dist/server.js ] || [ ! -f "$dist_dir/BUILD_ID" ]; then
  echo "install-prod.sh: no production build here (dist/server.js or $dist_dir/BUILD_ID is missing); run \`npm run build\` first." >&2
  exit 1
fi
mkdir -p "$dest/lib/nix" "$dest/lib/repo" "$dest/lib/http" "$dest/.next"
cp -R package.json package-lock.json next.config.ts prisma.config.ts prisma nix-templates public dist "$dest/"
cp lib/nix/eval-modules.nix "$dest/lib/nix/"
# next.config.ts is compiled when the server starts and reads the body limit from here.
cp lib/http/body-limit.ts "$dest/lib/http/"
cp -R lib/repo/demo-homey "$dest/lib/repo/"
# The build cache is only for rebuilding; the server never reads it.
tar -C "$dist_dir" --exclude=./cache -cf - . | tar -C "$dest/.next" -xf -
# Hard links when DEST is on the same file system (fast, no space); a copy otherwise.
cp -al node_modules "$dest/" 2>/dev/null || { rm -rf "$dest/node_modules"; cp -R node_modules "$dest/"; }
# Prune in DEST, never in the checkout (its dev dependencies are still needed there).
(cd "$dest" && npm prune --omit=dev --no-save --ignore-scripts --no-audit --no-fund >/dev/null)
find "$dest/node_modules" -mindepth 1 -maxdepth 1 -type d -empty -delete
