#!/usr/bin/env bash
# `cargo stylus check` for every contract against a node.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/check.sh [RPC_URL]

Runs \`cargo stylus check -e RPC_URL\` (default \$RPC_URL, else
http://127.0.0.1:8547) for every contract: the node validates the WASM
exactly as activation would (Nitro's rules) and quotes the data fee.
Prints each contract's deployed size and data fee; exits non-zero on the
first failure, naming the contract. Needs cargo-stylus (installed when
absent) and a running node: scripts/devnode.sh up (Docker) or
scripts/devnode.sh up --local (the project's devnet).
USAGE
}

case "${1:-}" in -h|--help) usage; exit 0 ;; esac
RPC="${1:-${RPC_URL:-http://127.0.0.1:8547}}"
ensure_cargo_stylus
# wasm-opt (binaryen 132, pinned in tools/) for contracts with a [wasm-opt] step.
ensure_node_tools
command -v curl >/dev/null || die "curl not found (apt-get install curl)"
curl -sf -X POST -H 'Content-Type: application/json' \
  --data '{"jsonrpc":"2.0","method":"net_version","params":[],"id":1}' "$RPC" >/dev/null \
  || die "no node answers at $RPC: start one with scripts/devnode.sh up (or up --local)"

printf '%-24s %10s  %s\n' contract deployed "data fee"
for c in $(contracts); do
  out="$(cd "$ROOT/contracts/$c" && cargo stylus check -e "$RPC" 2>&1)" || {
    printf '%s\n' "$out" >&2
    die "cargo stylus check failed for $c"
  }
  plain="$(printf '%s' "$out" | sed 's/\x1b\[[0-9;]*m//g')"
  size="$(printf '%s\n' "$plain" | sed -n 's/.*contract size: *\([0-9.]* [KMG]*i*B\).*/\1/p' | tail -1)"
  fee="$(printf '%s\n' "$plain" | sed -n 's/.*wasm data fee: *\([0-9.]* ETH\).*/\1/p' | tail -1)"
  [ -n "$fee" ] || fee="(already activated)"
  printf '%-24s %10s  %s\n' "$c" "${size:-?}" "$fee"
done
