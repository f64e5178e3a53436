#!/usr/bin/env bash
# Installs what is missing, builds, fills a demo data directory with the demo community's issues
# (drawn from the seed reports) and starts the kiosk. Without a display it renders every screen
# offscreen and says where the pictures are.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/install-deps.sh
build=${PAVILION_BUILD_DIR:-build}
# ccache hits across clones in different folders (CI builds a fresh clone every time).
export CCACHE_BASEDIR=$(pwd) CCACHE_NOHASHDIR=true
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2 --target pavilion-kiosk pavilionctl

config=${PAVILION_CONFIG:-$root/kiosk-config/pavilion-shuxiang.json}
data=${PAVILION_DEMO_DIR:-$root/demo-data}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
if [ ! -f "$data/pavilion.db" ]; then
  "$build/bin/pavilionctl" --data-dir "$data" --config "$config" demo load assets/demo/issues.json
fi
"$build/bin/pavilionctl" --data-dir "$data" status

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "starting the kiosk (close the window or press Ctrl+C to stop)"
  exec "$build/bin/pavilion-kiosk" --config "$config" --data-dir "$data" --windowed
fi

out=$root/demo-screenshots
echo "no display: rendering every screen offscreen"
scripts/render-screens.sh "$build" "$config" "$data" "$out" >/dev/null
echo "screenshots of every resident screen (landscape, portrait, normal and largest text): $out"
ls "$out"
