#!/usr/bin/env bash
# Measures size and gas of the suite against the Solidity systems users would pick instead.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/bench.sh [--rpc-url URL] [--out-dir DIR] [--release] [--throughput-seconds N]

Builds the contracts (scripts/build.sh, cargo-stylus $CARGO_STYLUS_VERSION), then runs
\`guard bench\`: deploys the four Stylus contracts and the Solidity baselines
(SolidityGate, Safe v1.4.1 and SafeL2 3-of-5 proxies, OpenZeppelin
TimelockController, from bench/artifacts/) on one chain and measures, in one run,
deployed sizes and activation data fees, and the gas of each hot path (in-EVM cold
and warm through the GasProbe, transaction gas, cached and uncached programs, the
access-gas floor and the Stylus host-call profile), plus gate checks per second.
Prints the Markdown report and writes DIR/results.json and DIR/RESULTS.md
(default DIR: bench/).

  --rpc-url URL            measure on that node (e.g. a Nitro devnode from
                           scripts/devnode.sh up: real Nitro gas; no host-call
                           profiles, access counts or cache toggling there).
                           The key comes from GUARD_PRIVATE_KEY (the well-known
                           dev key on chain 412346 when unset). Default: the
                           embedded devnet, in process.
  --out-dir DIR            where results.json and RESULTS.md go (default bench/)
  --release                build guard in release (representative throughput;
                           the gas figures do not depend on it). Default: debug.
  --throughput-seconds N   length of each throughput loop (default 2)
USAGE
}

RPC=""
OUT="$ROOT/bench"
PROFILE=()
SECONDS_PER_LOOP=2
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --rpc-url) [ $# -ge 2 ] || die "--rpc-url needs a URL"; RPC="$2"; shift 2 ;;
    --out-dir) [ $# -ge 2 ] || die "--out-dir needs a directory"; OUT="$2"; shift 2 ;;
    --release) PROFILE=(--release); shift ;;
    --throughput-seconds) [ $# -ge 2 ] || die "--throughput-seconds needs a number"; SECONDS_PER_LOOP="$2"; shift 2 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
[ -f "$ROOT/bench/artifacts/GasProbe.json" ] \
  || die "bench/artifacts/GasProbe.json is missing: run 'cd bench && npm ci && node compile.js'"
if [ -n "$RPC" ]; then
  command -v curl >/dev/null || die "curl not found (apt-get install curl)"
  curl -sf -X POST -H 'Content-Type: application/json' \
    --data '{"jsonrpc":"2.0","method":"net_version","params":[],"id":1}' "$RPC" >/dev/null \
    || die "no node answers at $RPC: start one with scripts/devnode.sh up (or up --local)"
fi
mkdir -p "$OUT"

# The contracts' deployable bytes, exactly as cargo-stylus builds them (refuses without
# cargo-stylus or node and says how to get them).
log "building the contracts"
"$ROOT/scripts/build.sh" >/dev/null

args=(bench --json "$OUT/results.json" --markdown "$OUT/RESULTS.md" --throughput-seconds "$SECONDS_PER_LOOP")
[ -n "$RPC" ] && args+=(--rpc-url "$RPC")
cd "$ROOT"
log "running guard bench"
started=$(date +%s)
cargo run -q --locked "${PROFILE[@]}" -p guard-cli -- "${args[@]}"
log "done in $(( $(date +%s) - started )) s after the contract build: $OUT/RESULTS.md, $OUT/results.json"
