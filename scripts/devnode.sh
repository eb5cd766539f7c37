#!/usr/bin/env bash
# Starts, stops and inspects a development node: the official Nitro dev node
# in Docker, or (--local) the project's in-process devnet.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

NITRO_IMAGE="${NITRO_IMAGE:-offchainlabs/nitro-node:v3.7.1-926f1ab}"
CONTAINER="${NITRO_CONTAINER:-stylus-incident-guard-nitro-dev}"
PORT="${PORT:-8547}"
DEV_KEY="0xb6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659"
LOCAL_PID="$ROOT/target/devnet.pid"
LOCAL_LOG="$ROOT/target/devnet.log"

usage() {
  cat <<USAGE
Usage: scripts/devnode.sh up|down|status [--local] [--port N]

  up      start the node on 127.0.0.1:\$PORT (default 8547) and wait until
          its RPC answers. With Docker: $NITRO_IMAGE with --dev
          (chain id 412346), then the chain-owner setup a fresh devnode needs
          for Stylus: L1 price per unit 0, the CREATE2 factory, a cache
          manager and the StylusDeployer. Idempotent: \`up\` twice is harmless.
  down    stop it
  status  print whether it answers, its chain id and block number
  --local use the project's devnet (\`guard devnet\`) instead of Docker;
          it has all of the above built in. Without Docker, use this.
Environment: NITRO_IMAGE, NITRO_CONTAINER, PORT.
USAGE
}

CMD="${1:-}"; shift || true
LOCAL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --local) LOCAL=1 ;;
    --port) PORT="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
RPC="http://127.0.0.1:$PORT"

rpc() {
  curl -sf -X POST -H 'Content-Type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"method\":\"$1\",\"params\":${2:-[]},\"id\":1}" "$RPC"
}
answers() { rpc net_version >/dev/null 2>&1; }
wait_for_rpc() {
  local i
  for i in $(seq 1 "${1:-600}"); do
    answers && return 0
    sleep 0.5
  done
  return 1
}
need_docker() {
  command -v docker >/dev/null || die "docker not found: install Docker (https://docs.docker.com/engine/install/), or run without Docker: scripts/devnode.sh up --local"
  docker info >/dev/null 2>&1 || die "no Docker engine is running here: start one, or use the project's devnet: scripts/devnode.sh up --local (guard devnet)"
}
guard() { cargo run -q --locked -p guard-cli -- "$@"; }

# The chain-owner setup of a fresh Nitro dev node (each step checks first).
nitro_setup() {
  ensure_node_tools
  local send=(cast send --rpc-url "$RPC" --private-key "$DEV_KEY")
  log "becoming chain owner (ArbDebug.becomeChainOwner)"
  "${send[@]}" 0x00000000000000000000000000000000000000FF "becomeChainOwner()" >/dev/null
  log "L1 price per unit 0 (ArbOwner.setL1PricePerUnit)"
  "${send[@]}" 0x0000000000000000000000000000000000000070 "setL1PricePerUnit(uint256)" 0 >/dev/null
  if [ "$(cast code --rpc-url "$RPC" 0x4e59b44847b379578588920ca78fbf26c0b4956c)" = "0x" ]; then
    log "deploying the CREATE2 factory (deterministic-deployment-proxy)"
    "${send[@]}" --value 0.01ether 0x3fab184622dc19b6109349b94811493bf2a45362 >/dev/null
    cast publish --rpc-url "$RPC" "$(guard bytecode create2-factory-tx)" >/dev/null \
      || die "the node refused the pre-EIP-155 CREATE2 factory transaction; use an image that allows unprotected transactions"
  fi
  if [ "$(cast call --rpc-url "$RPC" 0x0000000000000000000000000000000000000072 'allCacheManagers()(address[])')" = "[]" ]; then
    log "deploying and registering a cache manager"
    local addr
    addr="$("${send[@]}" --json --create "$(guard bytecode cache-manager)" | sed -n 's/.*"contractAddress":"\(0x[0-9a-fA-F]*\)".*/\1/p')"
    [ -n "$addr" ] || die "cache manager deployment failed"
    "${send[@]}" 0x0000000000000000000000000000000000000070 "addWasmCacheManager(address)" "$addr" >/dev/null
  fi
  if [ "$(cast code --rpc-url "$RPC" 0xcEcba2F1DC234f70Dd89F2041029807F8D03A990)" = "0x" ]; then
    log "deploying the StylusDeployer through the CREATE2 factory"
    "${send[@]}" 0x4e59b44847b379578588920ca78fbf26c0b4956c \
      "0x0000000000000000000000000000000000000000000000000000000000000000$(guard bytecode stylus-deployer | sed 's/^0x//')" >/dev/null
    [ "$(cast code --rpc-url "$RPC" 0xcEcba2F1DC234f70Dd89F2041029807F8D03A990)" != "0x" ] \
      || die "StylusDeployer did not land at 0xcEcba2F1DC234f70Dd89F2041029807F8D03A990"
  fi
}

case "$CMD" in
  up)
    if [ "$LOCAL" = 1 ]; then
      if answers; then log "a node already answers at $RPC"; exit 0; fi
      mkdir -p "$ROOT/target"
      log "building and starting guard devnet on port $PORT"
      cargo build -q --locked -p guard-cli
      nohup cargo run -q --locked -p guard-cli -- devnet --port "$PORT" >"$LOCAL_LOG" 2>&1 &
      echo $! >"$LOCAL_PID"
      wait_for_rpc 600 || { cat "$LOCAL_LOG" >&2; die "guard devnet did not answer at $RPC"; }
      log "guard devnet answers at $RPC (log: $LOCAL_LOG)"
    else
      need_docker
      if ! docker ps --format '{{.Names}}' | grep -qx "$CONTAINER"; then
        docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
        log "starting $NITRO_IMAGE"
        docker run -d --rm --name "$CONTAINER" -p "127.0.0.1:$PORT:8547" "$NITRO_IMAGE" \
          --dev --http.addr 0.0.0.0 --http.api=net,web3,eth,debug >/dev/null
      fi
      wait_for_rpc 600 || die "the Nitro dev node did not answer at $RPC (docker logs $CONTAINER)"
      nitro_setup
      log "Nitro dev node ready at $RPC"
    fi
    ;;
  down)
    if [ "$LOCAL" = 1 ]; then
      if [ -f "$LOCAL_PID" ]; then
        kill "$(cat "$LOCAL_PID")" 2>/dev/null || true
        pkill -f "guard devnet --port $PORT" 2>/dev/null || true
        rm -f "$LOCAL_PID"
      fi
      log "stopped"
    else
      need_docker
      docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
      log "stopped $CONTAINER"
    fi
    ;;
  status)
    if answers; then
      echo "up at $RPC: chain id $(rpc eth_chainId | sed -n 's/.*"result":"\([^"]*\)".*/\1/p'), block $(rpc eth_blockNumber | sed -n 's/.*"result":"\([^"]*\)".*/\1/p')"
    else
      echo "down (nothing answers at $RPC)"
      exit 1
    fi
    ;;
  -h|--help|"") usage; [ -n "$CMD" ] || exit 2 ;;
  *) die "unknown command $CMD (see --help)" ;;
esac
