#!/usr/bin/env bash
# Installs foundry's `cast` (and `forge`) from the npm registry into a project-local tools dir.
#
# Pinned versions; idempotent: does nothing when the pinned version is already installed.
# Usage: scripts/install-foundry.sh [TOOLS_DIR]   (default: <repo>/.tools)
# The binaries end up in TOOLS_DIR/bin (cast, forge). Tests find them through GUARD_CAST or PATH.
set -euo pipefail

FOUNDRY_VERSION="1.7.1"
PACKAGES=("@foundry-rs/cast-linux-amd64" "@foundry-rs/forge-linux-amd64")

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${1:-${repo_root}/.tools}"
bin_dir="${tools_dir}/bin"
stamp="${tools_dir}/.foundry-${FOUNDRY_VERSION}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "install-foundry.sh: only linux x86_64 is supported (got $(uname -s)-$(uname -m))" >&2; exit 1 ;;
esac

if [[ -f "${stamp}" && -x "${bin_dir}/cast" && -x "${bin_dir}/forge" ]]; then
  echo "foundry ${FOUNDRY_VERSION} already installed in ${bin_dir}"
  exit 0
fi

command -v npm >/dev/null || { echo "install-foundry.sh: npm is required" >&2; exit 1; }
mkdir -p "${tools_dir}/npm" "${bin_dir}"
specs=()
for package in "${PACKAGES[@]}"; do specs+=("${package}@${FOUNDRY_VERSION}"); done
npm install --prefix "${tools_dir}/npm" --no-audit --no-fund --ignore-scripts --save-exact "${specs[@]}"

for tool in cast forge; do
  found="$(find "${tools_dir}/npm/node_modules/@foundry-rs/${tool}-linux-amd64" -type f -name "${tool}" | head -n 1)"
  [[ -n "${found}" ]] || { echo "install-foundry.sh: ${tool} binary not found in the npm package" >&2; exit 1; }
  chmod +x "${found}"
  ln -sf "${found}" "${bin_dir}/${tool}"
done
"${bin_dir}/cast" --version
touch "${stamp}"
echo "foundry ${FOUNDRY_VERSION} installed in ${bin_dir}"
