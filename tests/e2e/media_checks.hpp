// Inputs for the e2e tests (generated with the ffmpeg CLI through the shared
// media factory, cached per build tree) and the probes that judge sb's outputs.
#ifndef SB_E2E_MEDIA_CHECKS_HPP
#define SB_E2E_MEDIA_CHECKS_HPP

#include "media_factory.hpp"
#include "media_probe.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace sb::e2e {

// 320x240 30 fps H.264 + AAC (the factory uses -preset ultrafast).
test::MediaSpec small_clip(double seconds = 1.0);
// Writes `spec` to `out` (format from the extension, or spec.format).
void make_input(const std::filesystem::path &out, const test::MediaSpec &spec);
void make_input(const std::filesystem::path &out, double seconds = 1.0);

// `file` opens, is MP4, holds H.264 video (and AAC audio when `audio`), and its
// video lasts as long as `input`'s within one frame.
::testing::AssertionResult is_conversion_of(const std::filesystem::path &file, const std::filesystem::path &input,
                                            bool audio = true);
// clean(OUT) of EXPECT.tsv: every file under dir is a playable .mp4 with video
// and a duration; no 0-byte, *.tmp, *.part or dot files.
::testing::AssertionResult is_clean_output_dir(const std::filesystem::path &dir);
// valid(F) of EXPECT.tsv: opens, >= 1 video stream, duration > 0.
::testing::AssertionResult is_valid_media(const std::filesystem::path &file);

// Runs the ffmpeg CLI (a test-only tool) with `args` after
// "-nostdin -hide_banner -loglevel error -y"; throws with its stderr on failure.
void ffmpeg(const std::vector<std::string> &args);

// The ffmpeg / ffprobe CLI (test-only tools, as EXPECT.tsv defines its checks
// with them): stdout of a successful run, binary-safe. Throws on failure.
std::string ffmpeg_output(const std::vector<std::string> &args);
std::string ffprobe_output(const std::vector<std::string> &args);
// p(F,k) of EXPECT.tsv: ffprobe -v error [-select_streams S] -show_entries K
// -of default=nw=1:nk=1 F, trailing newline removed.
std::string ffprobe_value(const std::filesystem::path &file, const std::string &select, const std::string &entries);

double duration_of(const std::filesystem::path &file); // format duration, -1 when unreadable

} // namespace sb::e2e

#endif // SB_E2E_MEDIA_CHECKS_HPP
