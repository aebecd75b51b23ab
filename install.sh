#!/usr/bin/env bash
# Install Steppe for development on a fresh Debian/Ubuntu machine: the system libraries Qt
# needs, a virtual environment in .venv, and the package with its test tools.
# Usage: ./install.sh            (then: .venv/bin/steppe --sample)
set -euo pipefail
cd "$(dirname "$0")"

QT_LIBS="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
 libxcb-xinerama0 libxcb-xkb1 libxcb-shape0 libxcb-randr0 libx11-xcb1 fonts-dejavu-core"

if command -v apt-get >/dev/null 2>&1; then
  missing=$(for p in $QT_LIBS; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
  if [ -n "$missing" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing system libraries for Qt: $missing"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
  fi
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"
echo "Steppe installed in .venv. Open it with: .venv/bin/steppe --sample"
