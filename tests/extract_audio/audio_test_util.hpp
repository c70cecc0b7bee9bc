// Shared fixture and helpers for the `sb audio` (extract_audio) tests: the
// plugin loaded through its exported C entry, a fake host, generated inputs,
// and probes of what the plugin wrote.
#ifndef SB_TESTS_AUDIO_TEST_UTIL_HPP
#define SB_TESTS_AUDIO_TEST_UTIL_HPP

#include "fake_host.hpp"
#include "media_factory.hpp"
#include "media_probe.hpp"
#include "temp_dir.hpp"

#include <sb/plugin_abi.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace sb::test {

// The "audio" converter of extract_audio.so, dlopen'ed once and never
// unloaded (like the host). nullptr (and a test failure) when it cannot be used.
const sb_converter_desc *audio_converter();
// The option descriptor `name` of the audio converter, or nullptr.
const sb_option_desc *audio_option(const std::string &name);

// 0.5 s sine at `sample_rate` with `channels`, encoded with `codec` into `out`
// (container from the extension); `extra` goes before the output path.
MediaSpec audio_only(const std::string &codec, int sample_rate = 44100, int channels = 2,
                     std::vector<std::string> extra = {});
// 0.5 s 64x48 H.264 + AAC (44.1 kHz stereo) clip.
MediaSpec small_clip();

// make_media(out, spec) through a per-build-tree cache of generated inputs
// (CTest runs every test in its own process; many need the same small clip).
// Throws std::runtime_error when ffmpeg fails.
void make_input(const std::filesystem::path &out, const MediaSpec &spec);

// Runs "ffmpeg -nostdin -hide_banner -loglevel error -y <args>" (a test-only
// tool); returns its exit status, with its stderr in `error` when it fails.
int ffmpeg(const std::vector<std::string> &args, std::string *error = nullptr);

// What one audio stream of a file holds beyond media_probe's StreamInfo.
struct AudioDetails {
    bool ok = false;
    std::string sample_format;       // "s16", "s32", "fltp"
    int bits_per_raw_sample = 0;
    std::int64_t declared_bit_rate = 0; // codecpar->bit_rate (exact for CBR MP3)
    std::int64_t payload_bytes = 0;     // sum of every packet of the stream
    double payload_seconds = 0;         // sum of their durations
    double payload_bit_rate() const { return payload_seconds > 0 ? payload_bytes * 8 / payload_seconds : 0; }
};
// The audio stream with index `ordinal` among the audio streams of `file`.
AudioDetails audio_details(const std::filesystem::path &file, int ordinal = 0);

bool is_one_line(const std::string &text);

// A temp folder, a fake host and the loaded converter per test.
class AudioTest : public ::testing::Test {
protected:
    void SetUp() override;

    std::filesystem::path file(const std::string &name) const { return dir_.path() / name; }
    // make_media into the temp folder; fails the test (ADD_FAILURE) if ffmpeg fails.
    std::filesystem::path make(const std::string &name, const MediaSpec &spec);
    // Runs the ffmpeg CLI with `args` + file(name) as the output; fails the test if it fails.
    std::filesystem::path make_with_ffmpeg(const std::string &name, std::vector<std::string> args);
    // host_.convert with the options set so far; error and warnings go to the test log.
    sb_status convert(const std::filesystem::path &in, const std::filesystem::path &out);
    // Converts with --format `format` (plus the options set so far) into file("out.<format>").
    std::filesystem::path convert_to(const std::string &format, const std::filesystem::path &in);
    // One host log line (any level) contains `needle`.
    bool logged(const std::string &needle) const;
    // The first warning containing `needle`, or "".
    std::string warning_with(const std::string &needle) const;
    // Converts `in` into `out` (default file("out.m4a")) and expects
    // SB_STATUS_FAILED with one line containing `reason`, and no output file.
    void expect_failure(const std::filesystem::path &in, const std::string &reason,
                        const std::filesystem::path &out = {});

    TempDir dir_;
    FakeHost host_;
    const sb_converter_desc *audio_ = nullptr;
};

} // namespace sb::test

#endif // SB_TESTS_AUDIO_TEST_UTIL_HPP
