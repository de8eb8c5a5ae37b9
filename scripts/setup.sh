#!/usr/bin/env bash
# Installs whatever stroop needs that is missing, idempotently, on Debian/Ubuntu with Node 20+:
# the system libraries node-canvas builds against, chromium for the HTML report test, the npm
# dependencies, and the TypeScript build.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "[setup] stroop needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# 1. System libraries for node-canvas (built from source; no prebuilt binary is downloaded).
apt_packages=(build-essential pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 1b. Debian's chromium, for the test that opens report.html in a headless browser (playwright-core
# drives it; no browser is downloaded). Distributions without a `chromium` package (Ubuntu ships it
# as a snap) keep going: that one test is then skipped outside CI.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q 'install ok installed'; then
  say "installing chromium (headless browser for the report.html test)"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null \
    || say "chromium is not available from apt here; the report.html browser test will be skipped"
fi

# 2. npm dependencies, reinstalled only when package-lock.json changed or canvas does not load.
# onnxruntime-node must not try to download CUDA libraries at install time.
export ONNXRUNTIME_NODE_INSTALL_CUDA=skip
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.stroop-install-stamp
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" > "$stamp"
fi
if ! node -e "require('canvas')" 2>/dev/null; then
  say "building node-canvas from source"
  npm rebuild canvas
fi

# 3. The TypeScript build, skipped when nothing it compiles changed since the last one.
build_stamp=dist/.build-stamp
if [ -f "$build_stamp" ] && [ -z "$(find src test scripts tsconfig.json package-lock.json -newer "$build_stamp" -print -quit 2>/dev/null)" ]; then
  exit 0
fi
say "building"
rm -rf dist  # a full rebuild: no stale output of deleted sources survives
npx tsc -p tsconfig.json
touch "$build_stamp"
