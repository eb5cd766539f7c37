#!/usr/bin/env bash
# Deploys and wires the suite against a node with `guard deploy`.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/deploy.sh [RPC_URL]

Runs \`guard deploy\` against RPC_URL (default \$RPC_URL, else
http://127.0.0.1:8547) with the config \$GUARD_CONFIG (default
deploy/devnet.toml): deploys the GuardianMultisig, the EmergencyTimelock,
the OracleSanityChecker and the PauseRegistry (with their constructors,
through the StylusDeployer), registers the markets, and starts the admin
transfer to the timelock; writes deployments/<chain-id>.json with the
addresses, codehashes and the hand-over batch. The key comes from
GUARD_PRIVATE_KEY in the environment (never the command line); on the dev
chain id 412346 the well-known dev key is the default. Refuses to deploy a
second suite over a live one recorded in deployments/ (set GUARD_FORCE=1).
USAGE
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
RPC="${1:-${RPC_URL:-http://127.0.0.1:8547}}"
CONFIG="${GUARD_CONFIG:-$ROOT/deploy/devnet.toml}"
ensure_cargo_stylus
ensure_node_tools
command -v curl >/dev/null || die "curl not found (apt-get install curl)"
curl -sf -X POST -H 'Content-Type: application/json' \
  --data '{"jsonrpc":"2.0","method":"net_version","params":[],"id":1}' "$RPC" >/dev/null \
  || die "no node answers at $RPC: start one with scripts/devnode.sh up (or up --local)"
[ -f "$CONFIG" ] || die "config $CONFIG not found"

# The contracts' deployable bytes, exactly as cargo-stylus builds them.
"$ROOT/scripts/build.sh" >/dev/null
force=()
[ "${GUARD_FORCE:-0}" = 1 ] && force=(--force)
cd "$ROOT"
cargo run -q --locked -p guard-cli -- deploy --rpc-url "$RPC" --config "$CONFIG" --out "$ROOT/deployments" "${force[@]}"
