// Each --format writes its codec in its container with the audio only, and the
// encoders keep what they can of the source (rate, channels, bit depth).
#include "audio_test_util.hpp"

#include <strings.h>

#include <cmath>
#include <ostream>

namespace sb::test {
namespace {

struct FormatCase {
    std::string format;   // --format
    std::string demuxer;  // what FFmpeg detects when reading the output back
    std::string codec;    // codec of the one stream
    int sample_rate;      // from a 44.1 kHz source
};

std::ostream &operator<<(std::ostream &os, const FormatCase &c) { return os << c.format; }

class AudioFormat : public AudioTest, public ::testing::WithParamInterface<FormatCase> {};

TEST_P(AudioFormat, WritesOnlyTheAudioInTheFormatsCodecAndContainer) {
    const FormatCase &c = GetParam();
    const auto in = make("clip.mov", small_clip());
    const auto out = convert_to(c.format, in);

    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok) << info.error;
    EXPECT_NE(info.format_name.find(c.demuxer), std::string::npos) << info.format_name;
    ASSERT_EQ(info.streams.size(), 1u) << "the video is left out";
    const StreamInfo &a = info.streams[0];
    EXPECT_EQ(a.type, "audio");
    EXPECT_EQ(a.codec_name, c.codec);
    EXPECT_EQ(a.sample_rate, c.sample_rate);
    EXPECT_EQ(a.channels, 2);
    EXPECT_NEAR(info.duration, 0.5, 0.08) << "the whole source, give or take encoder padding";
    EXPECT_GT(a.frames, 0);
    EXPECT_GT(host_.progress_calls(), 0);
    EXPECT_NEAR(host_.last_progress_seconds(), 0.5, 0.1) << "progress ends at the media's end";
}

INSTANTIATE_TEST_SUITE_P(EachFormat, AudioFormat,
                         ::testing::Values(FormatCase{"m4a", "mp4", "aac", 44100}, FormatCase{"mp3", "mp3", "mp3", 44100},
                                           FormatCase{"opus", "ogg", "opus", 48000},
                                           FormatCase{"flac", "flac", "flac", 44100},
                                           FormatCase{"wav", "wav", "pcm_s16le", 44100}),
                         [](const auto &param_info) { return param_info.param.format; });

using AudioEncoding = AudioTest;

TEST_F(AudioEncoding, KeepsALowSampleRateAndMonoWhenTheEncoderTakesThem) {
    const auto in = make("voice.wav", audio_only("pcm_s16le", 22050, 1));
    for (const std::string format : {"m4a", "flac"}) {
        const MediaInfo info = probe_media(convert_to(format, in));
        ASSERT_TRUE(info.ok) << format << ": " << info.error;
        ASSERT_EQ(info.count("audio"), 1) << format;
        EXPECT_EQ(info.first("audio")->sample_rate, 22050) << format;
        EXPECT_EQ(info.first("audio")->channels, 1) << format;
    }
}

TEST_F(AudioEncoding, Mp3DownmixesSurroundToStereoAndSaysWhy) {
    const auto in = make("surround.flac", audio_only("flac", 48000, 6));
    const MediaInfo info = probe_media(convert_to("mp3", in));
    ASSERT_TRUE(info.ok) << info.error;
    EXPECT_EQ(info.first("audio")->channels, 2);
    EXPECT_TRUE(logged("downmix 5.1")) << "an info line explains the downmix";
}

TEST_F(AudioEncoding, KeepsSurroundWhereTheFormatCarriesIt) {
    const auto in = make("surround.flac", audio_only("flac", 48000, 6));
    for (const std::string format : {"m4a", "opus", "wav"}) {
        const MediaInfo info = probe_media(convert_to(format, in));
        ASSERT_TRUE(info.ok) << format << ": " << info.error;
        EXPECT_EQ(info.first("audio")->channels, 6) << format;
    }
}

TEST_F(AudioEncoding, OpusResamplesToItsNearestRate) {
    const auto in = make("voice.wav", audio_only("pcm_s16le", 22050, 1));
    const MediaInfo info = probe_media(convert_to("opus", in));
    ASSERT_TRUE(info.ok) << info.error;
    // Ogg Opus always declares 48 kHz output; the encoder ran at 24 kHz, the
    // libopus rate nearest to 22.05 kHz (ties and near misses go up).
    EXPECT_EQ(info.first("audio")->sample_rate, 48000);
    EXPECT_TRUE(logged("resample 22050 Hz -> 24000 Hz")) << "an info line explains the resampling";
}

TEST_F(AudioEncoding, LosslessFormatsKeep24BitSourcesAt24Bits) {
    const auto in = make("master.flac", audio_only("flac", 48000, 2, {"-sample_fmt", "s32"}));
    ASSERT_EQ(audio_details(in).bits_per_raw_sample, 24) << "the source must be 24-bit for this test";
    const auto wav = convert_to("wav", in);
    EXPECT_EQ(probe_media(wav).first("audio")->codec_name, "pcm_s24le");
    const AudioDetails flac = audio_details(convert_to("flac", in));
    EXPECT_EQ(flac.sample_format, "s32");
    EXPECT_EQ(flac.bits_per_raw_sample, 24);
}

TEST_F(AudioEncoding, SixteenBitSourcesStaySixteenBitInWav) {
    const auto in = make("cd.flac", audio_only("flac", 44100, 2, {"-sample_fmt", "s16"}));
    EXPECT_EQ(probe_media(convert_to("wav", in)).first("audio")->codec_name, "pcm_s16le");
}

TEST_F(AudioEncoding, CopiesTitleAndArtistButNotTheSourceMuxersBrand) {
    MediaSpec spec = small_clip();
    spec.extra_args = {"-metadata", "title=Morning Walk", "-metadata", "artist=Field Recorder"};
    const auto in = make("walk.mp4", spec);
    for (const std::string format : {"m4a", "mp3", "flac"}) {
        const MediaInfo info = probe_media(convert_to(format, in));
        ASSERT_TRUE(info.ok) << format << ": " << info.error;
        const auto tag = [&](const std::string &key) {
            for (const auto &[k, v] : info.tags)
                if (strcasecmp(k.c_str(), key.c_str()) == 0) return v;
            return std::string();
        };
        EXPECT_EQ(tag("title"), "Morning Walk") << format;
        EXPECT_EQ(tag("artist"), "Field Recorder") << format;
        if (format == "m4a") {
            EXPECT_EQ(tag("major_brand"), "M4A ") << "the ipod muxer's own brand, not the source's";
        }
    }
}

TEST_F(AudioEncoding, CancelledJobStopsWithCancelledAndNoError) {
    const auto in = make("clip.mov", small_clip());
    host_.cancel();
    EXPECT_EQ(convert(in, file("out.m4a")), SB_STATUS_CANCELLED);
    EXPECT_EQ(host_.error(), "");
}

} // namespace
} // namespace sb::test
