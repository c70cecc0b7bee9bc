#!/bin/sh
# The out-of-tree plugin path a third party follows (docs/plugin-sdk.md), end to end:
#   1. `cmake --install <sb build> --prefix <tmp>/stage`
#   2. configure + build examples/plugin-template against that staged install only
#      (find_package(sb-sdk) + sb_add_plugin() through CMAKE_PREFIX_PATH)
#   3. drop the .so into a folder named by SB_PLUGIN_PATH and use it through the
#      staged <stage>/bin/sb: `sb ls`, `sb vtt --help`, a real conversion, a bad input.
# Everything happens in a private mktemp folder (removed on exit), so parallel
# test runs never share files. Run by CTest (tests/sdk/CMakeLists.txt):
#   out_of_tree_plugin.sh CMAKE SB_BUILD_DIR TEMPLATE_DIR GENERATOR MAKE_PROGRAM CXX_COMPILER
set -eu

cmake=$1 sb_build=$2 template=$3 generator=$4 make_program=$5 cxx=$6

umask 022 # sb refuses plugin folders that other users may write to
work=$(mktemp -d "${TMPDIR:-/tmp}/sb-out-of-tree.XXXXXX")
trap 'rm -rf "$work"' EXIT
unset SB_PLUGIN_PATH CI || true

fail() {
    echo "FAILED: $*" >&2
    exit 1
}
# expect_in FILE TEXT WHAT: FILE contains the line fragment TEXT.
expect_in() {
    grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "$3: '$2' not found"; }
}

stage=$work/stage
echo "== cmake --install $sb_build --prefix $stage"
"$cmake" --install "$sb_build" --prefix "$stage" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "cmake --install"; }
[ -x "$stage/bin/sb" ] || fail "no $stage/bin/sb after install"
for f in include/sb/plugin_abi.h include/sb/converter.hpp lib/cmake/sb-sdk/sb-sdkConfig.cmake \
    lib/cmake/sb-sdk/sb-sdkConfigVersion.cmake lib/cmake/sb-sdk/SbPlugin.cmake lib/cmake/sb-sdk/sb_plugin.map; do
    [ -f "$stage/$f" ] || fail "the install lacks $f"
done

echo "== configure + build $template against the staged SDK"
"$cmake" -S "$template" -B "$work/build" -G "$generator" -DCMAKE_MAKE_PROGRAM="$make_program" \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_CXX_FLAGS=-Werror -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$stage" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; fail "configure"; }
expect_in "$work/build/CMakeCache.txt" "sb-sdk_DIR:PATH=$stage/lib/cmake/sb-sdk" "find_package(sb-sdk) used the staged package"
"$cmake" --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build"; }
plugin=$work/build/srt_to_vtt.so
[ -f "$plugin" ] || fail "sb_add_plugin(srt_to_vtt) did not produce srt_to_vtt.so (no lib prefix)"
exported=$(nm -D --defined-only "$plugin" | awk '{print $3}' | tr '\n' ' ')
[ "$exported" = "sb_plugin_entry " ] || fail "the plugin must export only sb_plugin_entry, exports: $exported"

mkdir "$work/plugins" "$work/data"
cp "$plugin" "$work/plugins/"
export SB_PLUGIN_PATH="$work/plugins"
sb=$stage/bin/sb
cd "$work/data"

echo "== sb ls"
"$sb" ls >"$work/ls.txt" 2>&1 || { cat "$work/ls.txt" >&2; fail "sb ls exited non-zero"; }
expect_in "$work/ls.txt" "vtt" "sb ls lists the converter"
expect_in "$work/ls.txt" "  Convert SubRip subtitles (.srt) to WebVTT (.vtt)" "sb ls shows its summary"
expect_in "$work/ls.txt" "  plugin:  org.example.srt_to_vtt 1.0.0 (ABI 1.1)" "sb ls shows plugin id and ABI"
expect_in "$work/ls.txt" "  file:    $work/plugins/srt_to_vtt.so" "loaded from SB_PLUGIN_PATH"
expect_in "$work/ls.txt" "  file:    $stage/lib/sb/plugins/extract_audio.so" "the staged sb loads its installed plugins"
if grep -q "rejected" "$work/ls.txt"; then cat "$work/ls.txt" >&2; fail "sb ls rejected a plugin file"; fi

echo "== sb vtt --help"
"$sb" vtt --help >"$work/help.txt" 2>&1 || { cat "$work/help.txt" >&2; fail "sb vtt --help exited non-zero"; }
expect_in "$work/help.txt" "Usage: sb vtt [OPTIONS] [inputs...]" "help is the vtt sub-command's"
expect_in "$work/help.txt" "--shift SECONDS" "help shows --shift"
expect_in "$work/help.txt" "--keep-ids" "help shows --keep-ids"
expect_in "$work/help.txt" "--line-endings {lf, crlf}" "help shows --line-endings with its choices"

echo "== sb vtt converts"
printf '1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nTwo\r\nlines\r\n' >movie.srt
"$sb" vtt --shift 0.5 --keep-ids -o out movie.srt >"$work/run.txt" 2>&1 || { cat "$work/run.txt" >&2; fail "sb vtt exited non-zero"; }
printf 'WEBVTT\n\n1\n00:00:01.500 --> 00:00:03.000\nHello\n\n2\n00:00:03.500 --> 00:00:04.500\nTwo\nlines\n\n' >"$work/expected.vtt"
[ -f out/movie.vtt ] || { cat "$work/run.txt" >&2; fail "no out/movie.vtt"; }
cmp -s out/movie.vtt "$work/expected.vtt" || { diff "$work/expected.vtt" out/movie.vtt >&2 || true; fail "out/movie.vtt differs"; }
[ "$(ls -A out)" = "movie.vtt" ] || fail "left files behind in out/: $(ls -A out)"

echo "== sb vtt -s keeps the output it wrote (its probe accepts WebVTT)"
"$sb" vtt -s --shift 0.5 --keep-ids -o out movie.srt >"$work/skip.txt" 2>&1 || { cat "$work/skip.txt" >&2; fail "sb vtt -s exited non-zero"; }
expect_in "$work/skip.txt" "0 converted, 1 skipped" "-s skips an existing, readable output"
cmp -s out/movie.vtt "$work/expected.vtt" || fail "-s changed out/movie.vtt"

echo "== a bad input fails alone with its reason"
printf 'This is not a subtitle file.\n' >notes.srt
rc=0
"$sb" vtt -o out2 notes.srt >"$work/bad.txt" 2>&1 || rc=$?
[ "$rc" = 1 ] || { cat "$work/bad.txt" >&2; fail "a bad input must exit 1, got $rc"; }
expect_in "$work/bad.txt" "notes.srt: line 1: expected a cue number or a timing line" "the plugin's one-line reason is shown"
[ ! -e out2/notes.vtt ] || fail "a failed conversion left out2/notes.vtt"

echo "out-of-tree plugin: built against the staged sb-sdk, listed, documented and converting"
