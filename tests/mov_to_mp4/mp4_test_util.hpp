// Shared fixture and helpers for the mov_to_mp4 tests.
#ifndef SB_TESTS_MP4_TEST_UTIL_HPP
#define SB_TESTS_MP4_TEST_UTIL_HPP

#include "fake_host.hpp"
#include "media_factory.hpp"
#include "media_probe.hpp"
#include "plugin_under_test.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace sb::test {

// A fresh temp folder and fake host per test, plus the loaded converter.
class Mp4Test : public ::testing::Test {
protected:
    void SetUp() override;

    std::filesystem::path file(const std::string &name) const { return dir_.path() / name; }
    // make_media into the temp folder; fails the test if ffmpeg fails.
    std::filesystem::path make(const std::string &name, const MediaSpec &spec);
    // Converts and returns the status; the host's error/warnings go to the test log.
    sb_status convert(const std::filesystem::path &in, const std::filesystem::path &out);

    TempDir dir_;
    FakeHost host_;
    const sb_converter_desc *mp4_ = nullptr;
};

// Runs a command line through /bin/sh (test-only); returns the exit status.
int run_shell(const std::string &command);
std::string quoted(const std::filesystem::path &path);
// Copies `in` to `out` stream by stream with a display matrix for `degrees`
// (the 'rotate' tag; ffmpeg 5.1 turns it into a matrix only on stream copy).
void remux_with_rotation(const std::filesystem::path &in, const std::filesystem::path &out, int degrees);
// First `bytes` bytes of `in` written to `out`.
void copy_prefix(const std::filesystem::path &in, const std::filesystem::path &out, std::uintmax_t bytes);
bool is_one_line(const std::string &text);
std::string describe(const MediaInfo &info);
// Runs "ffmpeg -nostdin -hide_banner -loglevel error -y <args>" (test-only tool);
// returns the exit status.
int ffmpeg(const std::string &args);
// True when one of the host's log lines (any level) contains `needle`.
bool has_log(const FakeHost &host, const std::string &needle);
// The info-level lines the converter logged, without the "info: " prefix.
std::vector<std::string> info_lines(const FakeHost &host);
// Video streams that are pictures, not cover art.
int real_video_count(const MediaInfo &info);

} // namespace sb::test

#endif // SB_TESTS_MP4_TEST_UTIL_HPP
