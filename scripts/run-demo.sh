#!/usr/bin/env bash
# Installs what is missing, builds, fills a demo data directory with the demo community's issues
# (drawn from the seed reports), starts the local central server (pavilion-central on
# 127.0.0.1:8780), enrols the kiosk with it and starts the kiosk, which syncs in the background.
# Without a display it syncs once, renders every screen offscreen and says where the pictures are.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/install-deps.sh
build=${PAVILION_BUILD_DIR:-build}
# ccache hits across clones in different folders (CI builds a fresh clone every time).
export CCACHE_BASEDIR=$(pwd) CCACHE_NOHASHDIR=true
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j2 --target pavilion-kiosk pavilionctl pavilion-central

config=${PAVILION_CONFIG:-$root/kiosk-config/pavilion-shuxiang.json}
data=${PAVILION_DEMO_DIR:-$root/demo-data}
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp/runtime-$(id -u)}
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
if [ ! -f "$data/pavilion.db" ]; then
  "$build/bin/pavilionctl" --data-dir "$data" --config "$config" demo load assets/demo/issues.json
fi
"$build/bin/pavilionctl" --data-dir "$data" status

# The community's central server, on this machine only (plain HTTP is allowed to loopback alone).
central_db="sqlite:$data/central/pavilion-central.db"
mkdir -p "$data/central"
terminal_id=$("$build/bin/pavilionctl" --data-dir "$data" status | sed -n 's/^terminal: *//p')
if [ ! -f "$data/device.secret" ]; then
  "$build/bin/pavilion-central" --db "$central_db" device add "$terminal_id" --role pavilion \
    --server-url http://127.0.0.1:8780 --secret-file "$data/device.secret" >/dev/null
  echo "enrolled $terminal_id with the local central server"
fi
central_log="$data/central/pavilion-central.log"
"$build/bin/pavilion-central" --db "$central_db" --listen 127.0.0.1:8780 >"$data/central/listening" 2>"$central_log" &
central_pid=$!
trap 'kill $central_pid 2>/dev/null || true; wait $central_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  grep -q "listening on" "$data/central/listening" 2>/dev/null && break
  kill -0 $central_pid 2>/dev/null || { echo "pavilion-central did not start:"; cat "$central_log"; exit 1; }
  sleep 0.1
done
echo "central server: $(cat "$data/central/listening") (log: $central_log)"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "starting the kiosk (close the window or press Ctrl+C to stop)"
  "$build/bin/pavilion-kiosk" --config "$config" --data-dir "$data" --windowed
  exit $?
fi

"$build/bin/pavilionctl" --data-dir "$data" --config "$config" sync now

out=$root/demo-screenshots
echo "no display: rendering every screen offscreen"
scripts/render-screens.sh "$build" "$config" "$data" "$out" >/dev/null
echo "screenshots of every resident screen (landscape, portrait, normal and largest text): $out"
ls "$out"
