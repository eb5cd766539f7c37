#!/usr/bin/env bash
# Builds and tests the derivative vault example with forge, fully offline: forge and solc-js come from
# tools/package-lock.json, and forge compiles through scripts/solc-wrapper.js (see foundry.toml).
# Usage: examples/derivative-vault/test.sh [extra `forge test` arguments]
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../scripts/lib/common.sh
source "$HERE/../../scripts/lib/common.sh"
ensure_node_tools
cd "$HERE"

log "derivative-vault: forge fmt --check"
forge fmt --check

# --force: `forge lint` records sources in the cache without writing artifacts, after which a cached
# `forge test` finds no tests (and exits 0); a clean build costs a few seconds.
log "derivative-vault: forge build"
forge build --force

log "derivative-vault: committed artifacts match the build"
node artifacts.js --check

log "derivative-vault: forge test"
output="$(forge test "$@" 2>&1)" || { printf '%s\n' "$output"; die "forge test failed"; }
printf '%s\n' "$output"
grep -Eq '[1-9][0-9]* tests passed, 0 failed' <<<"$output" || die "forge test ran no tests"

log "derivative-vault: forge lint"
forge lint --deny warnings
