#!/usr/bin/env bash
# The one place Waymark installs system packages (Debian 12, apt-get).
# Idempotent: installs only what is missing, so `make` can call it every time.
set -euo pipefail

packages=(
  build-essential pkg-config libc6-dev meson ninja-build
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libxml2-dev libxml2-utils libcairo2-dev libpango1.0-dev
  xvfb xauth dbus dbus-x11 libgl1-mesa-dri xdotool
  gettext desktop-file-utils appstream-util appstream
  poppler-utils librsvg2-bin imagemagick mupdf-tools
  fonts-noto-core fonts-noto-cjk fonts-dejavu-core
  hyperfine time strace flatpak-builder
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
