#!/usr/bin/env bash
# Plays the incident drill: `guard drill` on a fresh embedded devnet (or RPC_URL).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/drill.sh [--rpc-url URL] [--json]

Installs what the drill needs (cargo-stylus $CARGO_STYLUS_VERSION, the pinned
Node tools for wasm-opt), builds the four contracts' deployable bytes with
scripts/build.sh, then runs \`cargo run --release -p guard-cli -- drill\`:
the suite and the example DerivativeVault are deployed on a fresh in-process
devnet and an incident is played from detection to resolution (normal
trading, a 40 % oracle jump, the breaker, the council's pause and incident
window, the vault voiding the settlement made during the incident, the
timelocked unpause, a sequencer outage, finality), printing a timeline of
statuses and events and a summary table. Exits non-zero unless every step
happened as expected.
  --rpc-url URL   run against a node with evm_increaseTime instead
  --json          print the report as JSON (the timeline goes to stderr)
USAGE
}

for arg in "$@"; do
  case "$arg" in -h|--help) usage; exit 0 ;; esac
done
ensure_cargo_stylus
ensure_node_tools
"$ROOT/scripts/build.sh" >/dev/null
cd "$ROOT"
exec cargo run -q --release --locked -p guard-cli -- drill "$@"
