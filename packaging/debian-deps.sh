#!/bin/sh
# The system libraries Qt needs on Debian/Ubuntu (a desktop has them; a fresh server or CI does not).
# Windows needs nothing: the installer carries its own Qt.
set -e
packages="libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 python3-venv"
command -v apt-get >/dev/null || exit 0
missing=$(for p in $packages; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || echo "$p"; done)
[ -n "$missing" ] || exit 0
run=""; [ "$(id -u)" -eq 0 ] || run="sudo"
$run apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends $missing >/dev/null
