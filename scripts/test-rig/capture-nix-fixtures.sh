#!/usr/bin/env bash
# Captures REAL Nix output (Debian's nix-bin, private temp store) into lib/deploy/__fixtures__/
# for the internal-json parser's unit tests. Re-run after a Nix upgrade; the tests assert
# on structure (counts, names, phases), not on store hashes or timings.
#
#   bash scripts/test-rig/capture-nix-fixtures.sh
set -euo pipefail

rig_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
standin_dir="$(cd "$rig_dir/../../lib/demo/standin" && pwd -P)"
repo_root="$(cd "$rig_dir/../.." && pwd -P)"
out_dir="$repo_root/lib/deploy/__fixtures__"
work="$(mktemp -d /tmp/homey-nix-fixtures.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out_dir"

nix_env() {
  local root="$1"
  mkdir -p "$root/etc" "$root/home" "$root/cache"
  printf '%s\n' "experimental-features = nix-command flakes" "substituters =" \
    "build-users-group =" "sandbox = false" > "$root/etc/nix.conf"
  export NIX_STORE_DIR="$root/store" NIX_STATE_DIR="$root/var" NIX_LOG_DIR="$root/log"
  export NIX_CONF_DIR="$root/etc" HOME="$root/home" XDG_CACHE_HOME="$root/cache"
}

# 1-3: the stand-in nixos-rebuild on a homey repo: a success, a build failure from content
# (a vhost port the fixture rejects), an evaluation error (undefined variable).
repo="$work/homey"
mkdir -p "$repo/generated"
git -C "$repo" init -q -b main
git -C "$repo" config user.email rig@homey.test
git -C "$repo" config user.name "homey-admin test rig"
cat > "$repo/generated/default.nix" <<'EOF'
{ ... }: { imports = [ ./services.nix ./vhosts.nix ./monitors.nix ]; }
EOF
cat > "$repo/generated/services.nix" <<'EOF'
{ domain, ... }: { homey.services = { grafana.enable = true; jellyfin.enable = true; paperless.enable = false; }; }
EOF
cat > "$repo/generated/vhosts.nix" <<'EOF'
{ domain, ... }: { homey.caddy.virtualHosts = { grafana = { host = "grafana.${domain}"; port = 3000; auth = true; }; }; }
EOF
cat > "$repo/generated/monitors.nix" <<'EOF'
{ domain, ... }: { homey.monitoring.monitors = [ { name = "grafana"; url = "https://grafana.${domain}"; interval = 60; type = "http"; maxretries = 0; } ]; }
EOF
git -C "$repo" add -A && git -C "$repo" commit -qm ok
ok_rev="$(git -C "$repo" rev-parse HEAD)"
cat > "$repo/generated/vhosts.nix" <<'EOF'
{ domain, ... }: {
  homey.caddy.virtualHosts = {
    grafana = { host = "grafana.${domain}"; port = 3000; auth = true; };
    broken = { host = "broken.${domain}"; port = 70000; auth = false; };
  };
}
EOF
git -C "$repo" commit -qam "bad port"
bad_port_rev="$(git -C "$repo" rev-parse HEAD)"
sed -i 's/jellyfin.enable = true;/jellyfin.enable = undefinedThing;/' "$repo/generated/services.nix"
git -C "$repo" commit -qam "eval error"
eval_error_rev="$(git -C "$repo" rev-parse HEAD)"

export HOMEY_STANDIN_STATE_DIR="$work/rig"
mkdir -p "$HOMEY_STANDIN_STATE_DIR"
standin() {
  local rev="$1" file="$2"
  (cd "$work" && "$standin_dir/bin/nixos-rebuild" switch --flake "git+file://$repo?rev=$rev#pi-main" \
    --log-format internal-json -v) > "$out_dir/$file" 2>&1 || true
}
standin "$ok_rev" standin-switch-success.log
standin "$bad_port_rev" standin-build-failure.log
standin "$eval_error_rev" standin-eval-error.log

# 4: plain nix-build of three derivations, one failing, with --keep-going.
nix_env "$work/plain"
cat > "$work/mixed.nix" <<'EOF'
let
  mk = name: fail: deps: derivation {
    inherit name deps;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    PATH = "/bin:/usr/bin";
    args = [ "-c" ''
      echo "compiling ${name}"
      sleep 0.2
      printf '\033[33mwarning:\033[0m ${name} has a long name\n'
      ${if fail then ''echo "${name}: test suite failed: 1 of 3 checks" >&2; exit 2'' else ""}
      echo "installing ${name}"; mkdir $out; echo ok > $out/x
    '' ];
  };
  lib = mk "hello-lib" false [ ];
  tool = mk "broken-tool" true [ ];
in
mk "app" false [ lib tool ]
EOF
nix-build "$work/mixed.nix" --no-out-link --keep-going --log-format internal-json -v \
  > "$out_dir/nix-build-keep-going-failure.log" 2>&1 || true

# 5: substitution ("copying path ... from ...") out of a local file:// binary cache.
cat > "$work/small.nix" <<'EOF'
derivation {
  name = "small-closure";
  system = builtins.currentSystem;
  builder = "/bin/sh";
  args = [ "-c" "echo built > $out" ];
}
EOF
small="$(nix-build "$work/small.nix" --no-out-link 2>/dev/null)"
nix copy --to "file://$work/bincache" "$small" 2>/dev/null
nix-store --delete "$small" > /dev/null 2>&1
nix-build "$work/small.nix" --no-out-link --option substituters "file://$work/bincache" \
  --option require-sigs false --log-format internal-json -v > "$out_dir/nix-substitute-copy.log" 2>&1

echo "captured into $out_dir:"
wc -l "$out_dir"/*.log
