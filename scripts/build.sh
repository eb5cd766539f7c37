#!/usr/bin/env bash
# Builds every Stylus contract with cargo-stylus and gates its deployable size.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

usage() {
  cat <<USAGE
Usage: scripts/build.sh [--json] [CONTRACT...]

Builds each contract (default: every crate in contracts/ with a Stylus.toml)
with cargo-stylus $CARGO_STYLUS_VERSION, exactly the bytes \`cargo stylus deploy\`
sends (installing cargo-stylus when absent), and writes to \$GUARD_ARTIFACTS
(default: target/stylus):
  <contract>.initcode.hex   deployment init code (cargo stylus get-initcode)
  <contract>.code           deployed code: EF F0 00 00 || brotli(wasm)
Prints each contract's compressed deployed size. Fails if any exceeds the
24,576-byte contract size limit; sizes above the 16 KiB target are flagged.
  --json   print the sizes as JSON on stdout instead of a table
USAGE
}

JSON=0
SELECTED=()
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --json) JSON=1 ;;
    -*) die "unknown option $arg (see --help)" ;;
    *) SELECTED+=("$arg") ;;
  esac
done
[ ${#SELECTED[@]} -gt 0 ] || mapfile -t SELECTED < <(contracts)

LIMIT=24576
TARGET=16384
ARTIFACTS="${GUARD_ARTIFACTS:-$ROOT/target/stylus}"
mkdir -p "$ARTIFACTS"
ensure_cargo_stylus
# wasm-opt (binaryen 132, pinned in tools/) for contracts with a [wasm-opt] step.
ensure_node_tools

rows=()
failed=0
for c in "${SELECTED[@]}"; do
  dir="$ROOT/contracts/$c"
  [ -f "$dir/Stylus.toml" ] || die "$c: not a contract (no contracts/$c/Stylus.toml)"
  log "building $c"
  # cargo-stylus runs \`cargo build\` in the current directory: run it in the
  # contract's directory so only that crate is built for wasm32.
  if ! (cd "$dir" && cargo stylus get-initcode --output "$ARTIFACTS/$c.initcode.hex" >&2); then
    echo "error: $c: cargo stylus get-initcode failed (a compressed size above 24,576 bytes needs fragments and fails here)" >&2
    failed=1
    continue
  fi
  size=$(python3 - "$ARTIFACTS/$c.initcode.hex" "$ARTIFACTS/$c.code" <<'PY'
import sys
init = bytes.fromhex(open(sys.argv[1]).read().strip().removeprefix("0x"))
code = init[43:]
assert code[:3] == b"\xef\xf0\x00", "not Stylus code"
open(sys.argv[2], "wb").write(code)
print(len(code))
PY
)
  status=ok
  if [ "$size" -gt "$LIMIT" ]; then status="OVER LIMIT"; failed=1
  elif [ "$size" -gt "$TARGET" ]; then status="over 16 KiB target"; fi
  rows+=("$c $size $status")
done

if [ "$JSON" = 1 ]; then
  printf '{'
  sep=''
  for r in "${rows[@]}"; do
    read -r name size status <<<"$r"
    printf '%s"%s":{"deployed_bytes":%s,"limit":%s,"target":%s}' "$sep" "$name" "$size" "$LIMIT" "$TARGET"
    sep=','
  done
  printf '}\n'
else
  printf '\n%-24s %10s  %s\n' "contract" "deployed" "(compressed; limit $LIMIT, target $TARGET)"
  for r in "${rows[@]}"; do
    read -r name size status <<<"$r"
    printf '%-24s %10s  %s\n' "$name" "$size" "$status"
  done
fi
[ "$failed" = 0 ] || die "build or size gate failed"
