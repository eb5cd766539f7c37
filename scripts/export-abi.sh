#!/usr/bin/env bash
# Exports the Solidity interfaces (abi/*.sol) and JSON ABIs (abi/json/) from the Rust source.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/export-abi.sh [--check]

Runs each contract's ABI exporter (\`cargo stylus export-abi\`), completes the
interfaces from the same Rust source (events, named errors, NatSpec; see
scripts/abi/export_sol.py), compiles them with solc-js and writes:
  abi/<Interface>.sol, abi/json/<Interface>.json
  --check  write to a temporary directory and fail if abi/ differs (drift)
USAGE
}

CHECK=0
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --check) CHECK=1 ;;
    *) die "unknown argument $arg (see --help)" ;;
  esac
done
command -v python3 >/dev/null || die "python3 not found (apt-get install python3)"
ensure_cargo_stylus
ensure_node_tools

OUT="$ROOT/abi"
if [ "$CHECK" = 1 ]; then
  OUT="$(mktemp -d)"
  trap 'rm -rf "$OUT"' EXIT
else
  rm -rf "$OUT/json" "$OUT"/*.sol
fi
mkdir -p "$OUT"
raw="$(mktemp)"
for c in $(contracts); do
  log "exporting $c"
  (cd "$ROOT/contracts/$c" && cargo stylus export-abi >"$raw") || die "$c: cargo stylus export-abi failed"
  python3 "$ROOT/scripts/abi/export_sol.py" "$raw" "$ROOT/contracts/$c" "$ROOT/contracts/guard-abi" "$OUT" >/dev/null
done
rm -f "$raw"
node "$ROOT/scripts/abi/solc-abi.js" "$OUT" >/dev/null || die "the exported interfaces do not compile with solc-js"

if [ "$CHECK" = 1 ]; then
  if ! diff -ru "$ROOT/abi" "$OUT" -x README.md >&2; then
    die "abi/ drifted from the Rust source: run scripts/export-abi.sh and commit abi/"
  fi
  log "abi/ matches the Rust source"
else
  log "wrote $(ls "$OUT"/*.sol | wc -l) interfaces to abi/"
fi
