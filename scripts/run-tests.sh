#!/usr/bin/env bash
# Installs what is missing, builds everything, runs every test through ctest. With
# PAVILION_SANITIZER_RUN=1 (CI sets it) it then builds the whole suite again with AddressSanitizer
# and UndefinedBehaviorSanitizer and runs every test once more under them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/install-deps.sh
build=${PAVILION_BUILD_DIR:-build}
# ccache hits across clones in different folders (CI builds a fresh clone every time).
export CCACHE_BASEDIR=$(pwd) CCACHE_NOHASHDIR=true
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPAVILION_BUILD_TESTS=ON -DPAVILION_BUILD_BENCH=ON
cmake --build "$build" -j2
(cd "$build" && ctest --output-on-failure -j2 --timeout 600)
echo "screenshots of every screen: $root/$build/screenshots"

if [ "${PAVILION_SANITIZER_RUN:-0}" = 1 ]; then
  asan=${build}-sanitizers
  cmake -S . -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPAVILION_BUILD_TESTS=ON -DPAVILION_BUILD_BENCH=OFF \
    -DPAVILION_SANITIZERS=ON
  cmake --build "$asan" -j2
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export LSAN_OPTIONS=suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd "$asan" && ctest --output-on-failure -j2 --timeout 900)
  echo "the whole suite passed under AddressSanitizer and UndefinedBehaviorSanitizer"
fi
