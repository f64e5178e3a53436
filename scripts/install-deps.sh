#!/usr/bin/env bash
# Installs the Debian 12 packages Pavilion needs. Idempotent: installs only what is missing and runs
# `apt-get update` at most once, and only when something is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  # Qt 6 (Debian 12 ships 6.4.2)
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-virtualkeyboard-dev qt6-virtualkeyboard-plugin
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtqml-workerscript
  qml6-module-qtquick-shapes qml6-module-qttest
  qml6-module-qtquick-virtualkeyboard qml6-module-qt-labs-folderlistmodel
  libgl-dev libxkbcommon-dev
  # storage, network, codes
  libsqlite3-dev sqlite3 libcurl4-openssl-dev libssl-dev openssl libqrencode-dev
  # pavilion-central: HTTP(S) server library (GnuTLS for TLS)
  libmicrohttpd-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # Chinese text on screen
  fonts-noto-cjk fonts-noto-color-emoji
  # Chinese input engines (src/ime): pinyin with its dictionary, handwriting with its model
  libgooglepinyin0-dev libgooglepinyin0 libzinnia-dev tegaki-zinnia-simplified-chinese
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
