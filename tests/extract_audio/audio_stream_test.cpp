// Which audio stream is extracted: --stream N counts audio streams from 0; by
// default the one marked default, else the first (as `sb audio --help` says).
#include "audio_test_util.hpp"

namespace sb::test {
namespace {

class AudioStream : public AudioTest {
protected:
    // Video + two audio streams that differ in rate and channels, so the output
    // tells which one was taken: audio 0 = 22050 Hz mono, audio 1 = 48000 Hz
    // stereo. `default_audio`: which audio stream carries the default flag (-1: none).
    std::filesystem::path two_audio_streams(int default_audio) {
        std::vector<std::string> args = {
            "-f", "lavfi", "-i", "testsrc2=size=64x48:rate=10:duration=0.5",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050:duration=0.5",
            "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=48000:duration=0.5",
            "-map", "0:v", "-map", "1:a", "-map", "2:a", "-c:v", "libx264", "-preset", "ultrafast",
            "-c:a:0", "aac", "-ac:a:0", "1", "-c:a:1", "libmp3lame", "-ac:a:1", "2",
            "-disposition:a:0", default_audio == 0 ? "default" : "0",
            "-disposition:a:1", default_audio == 1 ? "default" : "0"};
        return make_with_ffmpeg("two_audio.mkv", args);
    }
    // Converts to flac (lossless: rate and channels stay as they were).
    StreamInfo extracted(const std::filesystem::path &in) {
        const MediaInfo info = probe_media(convert_to("flac", in));
        EXPECT_TRUE(info.ok) << info.error;
        EXPECT_EQ(info.streams.size(), 1u) << "one stream out, whatever the input holds";
        return info.first("audio") != nullptr ? *info.first("audio") : StreamInfo{};
    }
};

TEST_F(AudioStream, StreamOptionPicksThatAudioStream) {
    const auto in = two_audio_streams(-1);
    host_.set_option("stream", "1");
    StreamInfo a = extracted(in);
    EXPECT_EQ(a.sample_rate, 48000);
    EXPECT_EQ(a.channels, 2);
    EXPECT_TRUE(logged("audio stream 1 of 2: mp3")) << "the decision is logged";

    host_.set_option("stream", "0");
    a = extracted(in);
    EXPECT_EQ(a.sample_rate, 22050);
    EXPECT_EQ(a.channels, 1);
}

TEST_F(AudioStream, MissingStreamFailsNamingTheStreamsThereAre) {
    const auto in = two_audio_streams(-1);
    host_.set_option("stream", "2");
    expect_failure(in, "--stream 2: the file has 2 audio streams (use 0 to 1)", file("out.flac"));

    const auto single = make("clip.mov", small_clip());
    host_.set_option("stream", "1");
    expect_failure(single, "--stream 1: the file has 1 audio stream (use 0)", file("out.flac"));
}

TEST_F(AudioStream, DefaultIsTheStreamMarkedDefault) {
    const StreamInfo a = extracted(two_audio_streams(1));
    EXPECT_EQ(a.sample_rate, 48000);
    EXPECT_EQ(a.channels, 2);
}

TEST_F(AudioStream, DefaultIsTheFirstWhenNoneIsMarked) {
    const StreamInfo a = extracted(two_audio_streams(-1));
    EXPECT_EQ(a.sample_rate, 22050);
    EXPECT_EQ(a.channels, 1);
}

} // namespace
} // namespace sb::test
