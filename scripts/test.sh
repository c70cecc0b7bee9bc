#!/usr/bin/env bash
# Sets up the machine, builds and runs the whole test suite.
# Usage: scripts/test.sh [release|asan|tsan]
#   release (default): every test; asan: every test under ASan+UBSan;
#   tsan: the concurrency tests (worker pool, batch runner, reporter) under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
scripts/setup.sh
dir=$(scripts/build.sh "$kind" | tail -n 1)
label=()
[ "$kind" = tsan ] && label=(-L concurrency)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}
ctest --test-dir "$dir" -j"$(nproc)" --output-on-failure --no-tests=error "${label[@]}"
