#!/usr/bin/env bash
# Sets up the machine, builds sb, makes a small sample .mov (H.264 + PCM audio, 3 s)
# and converts it with `sb mp4`. Prints where the .mp4 went.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
dir=$(scripts/build.sh release | tail -n 1)
mkdir -p sample out
# The sample is made with the ffmpeg CLI (a setup-time tool; sb itself never runs it).
ffmpeg -nostdin -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=640x360:rate=30:duration=3" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=3" \
  -c:v libx264 -pix_fmt yuv420p -c:a pcm_s16le -ac 2 -shortest sample/clip.mov
"$dir/bin/sb" mp4 --overwrite -o out sample/clip.mov
echo "converted: $(pwd)/out/clip.mp4"
ffprobe -v error -show_entries stream=codec_type,codec_name:format=duration -of compact=p=0 out/clip.mp4
