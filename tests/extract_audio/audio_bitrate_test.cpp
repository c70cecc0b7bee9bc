// --audio-bitrate: honoured by the lossy encoders, refused above what a format
// allows, and a warning (not an error) where it has no effect.
#include "audio_test_util.hpp"

namespace sb::test {
namespace {

using AudioBitrate = AudioTest;

TEST_F(AudioBitrate, Mp3IsWrittenAtTheGivenConstantBitrate) {
    const auto in = make("clip.mov", small_clip());
    host_.set_option("audio-bitrate", "96k");
    const AudioDetails mp3 = audio_details(convert_to("mp3", in));
    ASSERT_TRUE(mp3.ok);
    EXPECT_EQ(mp3.declared_bit_rate, 96000);
}

TEST_F(AudioBitrate, DefaultIs192kForMp3) {
    const auto in = make("clip.mov", small_clip());
    EXPECT_EQ(audio_details(convert_to("mp3", in)).declared_bit_rate, 192000);
}

// The payload of a 0.5 s sine is small and the encoders are VBR-ish: compare a
// low and a high setting instead of expecting an exact number.
TEST_F(AudioBitrate, M4aAndOpusFollowTheGivenBitrate) {
    const auto in = make("clip.mov", small_clip());
    for (const std::string format : {"m4a", "opus"}) {
        host_.set_option("audio-bitrate", "32k");
        const AudioDetails low = audio_details(convert_to(format, in));
        host_.set_option("audio-bitrate", "192k");
        const AudioDetails high = audio_details(convert_to(format, in));
        ASSERT_TRUE(low.ok && high.ok) << format;
        EXPECT_LT(low.payload_bit_rate(), 32000 * 1.3) << format << " at 32k";
        EXPECT_GT(low.payload_bit_rate(), 32000 * 0.5) << format << " at 32k";
        EXPECT_GT(high.payload_bit_rate(), 3 * low.payload_bit_rate()) << format << ": 192k well above 32k";
    }
}

TEST_F(AudioBitrate, AboveWhatMp3AllowsFailsWithOneLine) {
    const auto in = make("clip.mov", small_clip());
    host_.set_option("format", "mp3");
    host_.set_option("audio-bitrate", "500k");
    expect_failure(in, "--audio-bitrate 500k: mp3 allows at most 320k", file("out.mp3"));
}

TEST_F(AudioBitrate, AboveWhatOpusAllowsPerChannelFailsWithOneLine) {
    const auto in = make("voice.wav", audio_only("pcm_s16le", 48000, 1));
    host_.set_option("format", "opus");
    host_.set_option("audio-bitrate", "300k");
    expect_failure(in, "--audio-bitrate 300k: opus allows at most 256k for 1 channel", file("out.opus"));
}

TEST_F(AudioBitrate, LosslessFormatsIgnoreItWithAWarning) {
    const auto in = make("clip.mov", small_clip());
    host_.set_option("audio-bitrate", "64k");
    for (const std::string format : {"flac", "wav"}) {
        const MediaInfo info = probe_media(convert_to(format, in));
        ASSERT_TRUE(info.ok) << format << ": " << info.error;
        EXPECT_EQ(warning_with("--audio-bitrate has no effect"), "--audio-bitrate has no effect: " + format + " is lossless");
    }
}

} // namespace
} // namespace sb::test
