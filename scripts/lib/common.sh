# Shared helpers for the scripts in scripts/ (sourced, not run).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ROOT
CARGO_STYLUS_VERSION="0.10.10"
export CARGO_STYLUS_VERSION

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Every Stylus contract crate: a directory of contracts/ with a Stylus.toml.
contracts() {
  local d
  for d in "$ROOT"/contracts/*/; do
    [ -f "$d/Stylus.toml" ] && basename "$d"
  done
}

# Installs the toolchain rust-toolchain.toml pins, with its wasm32 target and
# rustfmt/clippy: rustup installs a missing toolchain on first use, but not the
# target of a toolchain that is already there without it.
ensure_rust_toolchain() {
  command -v rustup >/dev/null || die "rustup not found: install Rust with rustup (https://rustup.rs)"
  (cd "$ROOT" && rustup show active-toolchain >/dev/null 2>&1) \
    || (cd "$ROOT" && rustup toolchain install) \
    || die "could not install the toolchain of rust-toolchain.toml"
  (cd "$ROOT" && rustup target add wasm32-unknown-unknown >/dev/null 2>&1 \
    && rustup component add rustfmt clippy >/dev/null 2>&1) \
    || die "could not add the wasm32-unknown-unknown target, rustfmt and clippy to the pinned toolchain"
}

# Installs cargo-stylus $CARGO_STYLUS_VERSION when it is missing or another
# version, and the pinned toolchain with its wasm32 target.
ensure_cargo_stylus() {
  export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  ensure_rust_toolchain
  if cargo stylus --version 2>/dev/null | grep -q "$CARGO_STYLUS_VERSION"; then
    return
  fi
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
  log "installing cargo-stylus $CARGO_STYLUS_VERSION (takes 6-15 minutes once)"
  # Outside the workspace so its own lockfile and the default toolchain are used.
  (cd / && cargo install --locked "cargo-stylus@$CARGO_STYLUS_VERSION") \
    || die "could not install cargo-stylus $CARGO_STYLUS_VERSION"
}

# Installs the pinned Node tools (solc-js, forge, cast) from
# tools/package-lock.json and puts them on PATH.
ensure_node_tools() {
  command -v node >/dev/null || die "node not found: install Node.js 20+ (e.g. apt-get install nodejs npm)"
  command -v npm >/dev/null || die "npm not found: install npm (e.g. apt-get install npm)"
  # Reinstall when the lock file changed since the last install (a checkout
  # that moved to new pins must not keep running the old tools).
  local stamp="$ROOT/tools/node_modules/.guard-lock.sha256" want
  want=$(sha256sum "$ROOT/tools/package-lock.json" | cut -d' ' -f1)
  if [ ! -x "$ROOT/tools/node_modules/.bin/forge" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "installing Node tools (tools/package-lock.json)"
    (cd "$ROOT/tools" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tools/ failed"
    echo "$want" >"$stamp"
  fi
  export PATH="$ROOT/tools/node_modules/.bin:$PATH"
}
