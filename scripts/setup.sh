#!/usr/bin/env bash
# Installs everything sb needs to build, test and benchmark on Debian 12 (run as root).
# Idempotent: apt-get skips what is already installed.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  # FFmpeg 5.1 libraries, used in-process by the plugins
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev libavfilter-dev
  # host: Boost.DLL (header-only), CLI11, spdlog/fmt; tests: GoogleTest
  libboost-dev libcli11-dev libspdlog-dev libfmt-dev libgtest-dev libgmock-dev
  # test-only and benchmark-only tools: the ffmpeg/ffprobe CLI makes and checks sample media,
  # GNU parallel is the baseline the benchmark compares against
  ffmpeg parallel
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
