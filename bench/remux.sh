#!/usr/bin/env bash
# bench/remux.sh [-n RUNS]
#
# Stream-copy throughput (issue 5): how close `sb mp4` gets to `cp` when the
# input already plays in MP4 (H.264 + AAC .mov -> --mode auto copies every
# stream). Measures, in one run and on the same files (bench/data/remux/, two
# ~190 MB .mov made by ../shared/bench/gen-batch.sh):
#   cp            copy the batch to the output folder (the floor: same bytes, same disk)
#   sb-w1         sb mp4 -w 1 (default --mode auto: copies, faststart), one file at a time like cp
#   sb-w2         the same with two workers
#   ffmpeg-copy   GNU parallel -j 2 ffmpeg -c copy -movflags +faststart (what people script)
# RUNS times each (default 5), interleaved, page cache dropped before each run
# when possible (root), so every contender reads from disk alike.
# Prints a Markdown table: median/min/max wall seconds, MB/s and each one's
# speed as a fraction of cp's (cp median / its median).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi

sb=build/bin/sb
[ -x "$sb" ] || { echo "build sb first: scripts/build.sh" >&2; exit 2; }
gen=../shared/bench/gen-batch.sh
[ -x "$gen" ] || gen="bash $gen"
data=bench/data
$gen "$data" >/dev/null
inputs=("$data"/remux/*.mov)
bytes=$(du -cb "${inputs[@]}" | awk 'END{print $1}')

# The output folder lives on the same filesystem as the inputs.
work=$(mktemp -d "$data/.remux-work.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
drop_caches() { sync; [ -w /proc/sys/vm/drop_caches ] && echo 3 >/proc/sys/vm/drop_caches || true; }

run_one() { # name -> seconds
    rm -rf "$work/out"; mkdir -p "$work/out"
    drop_caches
    local t0 t1
    t0=$(now)
    case $1 in
      cp) cp "${inputs[@]}" "$work/out/" && sync ;;
      sb-w1) "$sb" mp4 -w 1 --quiet --no-progress -o "$work/out" "${inputs[@]}" >/dev/null && sync ;;
      sb-w2) "$sb" mp4 -w 2 --quiet --no-progress -o "$work/out" "${inputs[@]}" >/dev/null && sync ;;
      ffmpeg-copy) parallel -j 2 --halt now,fail=1 \
          "ffmpeg -nostdin -hide_banner -loglevel error -y -i {} -map 0 -c copy -movflags +faststart $work/out/{/.}.mp4" \
          ::: "${inputs[@]}" && sync ;;
    esac
    t1=$(now)
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f\n", b-a}'
}

stats() { # numbers... -> "median min max"
    printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f %.2f %.2f\n", m, a[1], a[NR]}'
}

# sb must really have copied (not re-encoded): same codecs, same packet count.
"$sb" mp4 -w 2 --quiet --no-progress -o "$work/check" "${inputs[@]}" >/dev/null
for f in "${inputs[@]}"; do
    o="$work/check/$(basename "${f%.*}").mp4"
    a=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=codec_name,nb_read_packets -of csv=p=0 "$f")
    b=$(ffprobe -v error -select_streams v:0 -count_packets -show_entries stream=codec_name,nb_read_packets -of csv=p=0 "$o")
    [ "$a" = "$b" ] || { echo "sb did not copy $f: $a vs $b" >&2; exit 1; }
done
rm -rf "$work/check"

contenders=(cp sb-w1 sb-w2 ffmpeg-copy)
declare -A times=()
for ((r = 1; r <= runs; r++)); do
    for c in "${contenders[@]}"; do times[$c]+="$(run_one "$c") "; done
done
echo "machine: $(nproc) cores, $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB; disk $(df -h "$data" | awk 'NR==2{print $1}'); $(date -u +%F)"
echo "batch: ${#inputs[@]} files, $((bytes / 1000000)) MB; $runs runs each, page cache dropped before each: $( [ -w /proc/sys/vm/drop_caches ] && echo yes || echo no)"
echo
echo "| command | median s | min s | max s | MB/s | speed vs cp |"
echo "|---|---|---|---|---|---|"
read -r base _ _ <<<"$(stats ${times[cp]})"
for c in "${contenders[@]}"; do
    read -r med lo hi <<<"$(stats ${times[$c]})"
    printf '| %s | %s | %s | %s | %.0f | %.0f%% |\n' "$c" "$med" "$lo" "$hi" \
        "$(awk -v b="$bytes" -v m="$med" 'BEGIN{print b/1e6/m}')" "$(awk -v m="$med" -v b="$base" 'BEGIN{print 100*b/m}')"
done
