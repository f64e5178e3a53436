#!/usr/bin/env bash
# Installs what is missing, builds everything, runs every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
build=${PAVILION_BUILD_DIR:-build}
# ccache hits across clones in different folders (CI builds a fresh clone every time).
export CCACHE_BASEDIR=$(pwd) CCACHE_NOHASHDIR=true
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAVILION_BUILD_TESTS=ON -DPAVILION_BUILD_BENCH=ON
cmake --build "$build" -j2
cd "$build"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
ctest --output-on-failure -j2 --timeout 600
echo "screenshots of every screen: $(pwd)/screenshots"
