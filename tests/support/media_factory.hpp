// Makes small media files for tests with the ffmpeg CLI (lavfi test sources).
// The CLI is a test-only tool: product code never runs it.
#ifndef SB_TEST_MEDIA_FACTORY_HPP
#define SB_TEST_MEDIA_FACTORY_HPP

#include <filesystem>
#include <string>
#include <vector>

namespace sb::test {

struct MediaSpec {
    double duration = 1.0;
    int width = 320, height = 240; // odd sizes work (the picture is cropped)
    std::string rate = "30";       // frame rate, ffmpeg syntax ("30", "30000/1001")
    std::string video_codec = "libx264"; // "" = no video
    std::string pix_fmt = "yuv420p";     // "" = the encoder's default
    std::string audio_codec = "aac";     // "" = no audio
    int sample_rate = 48000;
    int channels = 2;
    std::string format;                  // "" = from the extension
    std::vector<std::string> extra_args; // appended before the output path
};

// Runs ffmpeg (testsrc2 + sine) to write `out`. Throws std::runtime_error with
// ffmpeg's stderr when it fails.
void make_media(const std::filesystem::path &out, const MediaSpec &spec);

} // namespace sb::test

#endif // SB_TEST_MEDIA_FACTORY_HPP
