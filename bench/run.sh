#!/usr/bin/env bash
# bench/run.sh [-n RUNS] [BATCH...]   (BATCH: phone prores tiny; default: phone tiny)
#
# Measures, in one run and on the same batch:
#   sb mp4 -w 1, sb mp4 -w 2, and GNU parallel -j 2 running the ffmpeg CLI,
# all with the same settings (H.264 CRF 23 preset medium, AAC 192k, faststart),
# RUNS times each (default 3), interleaved so drift hits every command alike.
# Prints a Markdown table (median, min, max wall seconds and the ratio of each
# median to the parallel+ffmpeg median) to paste into docs/benchmarks.md.
#
# Inputs come from ../shared/bench/gen-batch.sh (deterministic), cached in
# bench/data/ (git-ignored). Build sb first (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
batches=("$@")
[ ${#batches[@]} -gt 0 ] || batches=(phone tiny)

sb=build/bin/sb
[ -x "$sb" ] || { echo "build sb first: scripts/build.sh" >&2; exit 2; }
command -v parallel >/dev/null || { echo "GNU parallel missing: scripts/setup.sh" >&2; exit 2; }
gen=../shared/bench/gen-batch.sh
[ -x "$gen" ] || gen="bash $gen"
data=bench/data
$gen "$data" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }

# The same encode for every contender.
SB_ARGS=(-q 23 -p medium -c h264 --audio aac --audio-bitrate 192k --quiet --no-progress)
ffmpeg_one='ffmpeg -nostdin -hide_banner -loglevel error -y -i {} -map 0:v? -map 0:a? -c:v libx264 -crf 23 -preset medium -pix_fmt yuv420p -c:a aac -b:a 192k -movflags +faststart '"$work"'/out/{/.}.mp4'

run_one() { # name batch -> prints seconds
    local name=$1 batch=$2
    rm -rf "$work/out"; mkdir -p "$work/out"
    local t0 t1
    t0=$(now)
    case $name in
      sb-w1) "$sb" mp4 -w 1 "${SB_ARGS[@]}" -o "$work/out" "$data/$batch"/*.mov >/dev/null ;;
      sb-w2) "$sb" mp4 -w 2 "${SB_ARGS[@]}" -o "$work/out" "$data/$batch"/*.mov >/dev/null ;;
      parallel-j2) parallel -j 2 --halt now,fail=1 "$ffmpeg_one" ::: "$data/$batch"/*.mov ;;
    esac
    t1=$(now)
    local n; n=$(find "$work/out" -name '*.mp4' | wc -l)
    local want; want=$(find "$data/$batch" -maxdepth 1 -name '*.mov' | wc -l)
    [ "$n" -eq "$want" ] || { echo "$name on $batch wrote $n of $want outputs" >&2; exit 1; }
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f\n", b-a}'
}

stats() { # numbers... -> "median min max"
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f %.2f %.2f\n", m, a[1], a[NR]}'
}

contenders=(sb-w1 sb-w2 parallel-j2)
echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB; $(ffmpeg -version | head -n1 | cut -d' ' -f1-3); sb $("$sb" version | head -n1 | cut -d' ' -f2); $(date -u +%F)"
echo
echo "| batch | command | median s | min s | max s | vs parallel+ffmpeg |"
echo "|---|---|---|---|---|---|"
for batch in "${batches[@]}"; do
    declare -A times=()
    for ((r = 1; r <= runs; r++)); do
        for c in "${contenders[@]}"; do times[$c]+="$(run_one "$c" "$batch") "; done
    done
    read -r base _ _ <<<"$(stats ${times[parallel-j2]})"
    for c in "${contenders[@]}"; do
        read -r med lo hi <<<"$(stats ${times[$c]})"
        printf '| %s | %s | %s | %s | %s | %.2fx |\n' "$batch" "$c" "$med" "$lo" "$hi" "$(awk -v m="$med" -v b="$base" 'BEGIN{print m/b}')"
    done
    unset times
done
