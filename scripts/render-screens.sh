#!/usr/bin/env bash
# Renders every resident screen offscreen to PNG, landscape and portrait, at normal and largest
# text size: scripts/render-screens.sh BUILD_DIR CONFIG DATA_DIR OUT_DIR
set -euo pipefail
build=$1 config=$2 data=$3 out=$4
mkdir -p "$out"
screens="home report-category report-location report-similar report-text report-review report-receipt track"
for screen in $screens; do
  for size in 1920x1080 1080x1920; do
    for scale in 1.0 1.8; do
      "$build/bin/pavilion-kiosk" --config "$config" --data-dir "$data" --screen "$screen" --size "$size" \
        --text-scale "$scale" --screenshot "$out/$screen-$size-x$scale.png" 2>&1 | grep -v XDG_RUNTIME_DIR || true
    done
  done
done
