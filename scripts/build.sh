#!/usr/bin/env bash
# Configures and builds sb. Usage: scripts/build.sh [release|asan|tsan]
#   release -> build/       asan -> build-asan/ (ASan+UBSan)       tsan -> build-tsan/
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
case "$kind" in
  release) dir=build;      extra=() ;;
  asan)    dir=build-asan; extra=(-DSB_SANITIZE=address,undefined -DCMAKE_BUILD_TYPE=Debug) ;;
  tsan)    dir=build-tsan; extra=(-DSB_SANITIZE=thread -DCMAKE_BUILD_TYPE=Debug) ;;
  *) echo "usage: $0 [release|asan|tsan]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" -G Ninja "${extra[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
echo "$dir"
