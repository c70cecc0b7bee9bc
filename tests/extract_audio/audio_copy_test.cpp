// --copy keeps the packets of a codec the format holds, bit for bit, and
// refuses the others with a reason that names the format that would fit.
#include "audio_test_util.hpp"

namespace sb::test {
namespace {

struct CopyCase {
    std::string name;   // test name suffix
    std::string input;  // file name of the generated source
    MediaSpec spec;     // how to make it
    std::string format; // --format
    std::string codec;  // the codec kept
};

std::ostream &operator<<(std::ostream &os, const CopyCase &c) { return os << c.name; }

class AudioCopy : public AudioTest, public ::testing::WithParamInterface<CopyCase> {};

TEST_P(AudioCopy, KeepsThePacketsUnchanged) {
    const CopyCase &c = GetParam();
    const auto in = make(c.input, c.spec);
    host_.set_option("copy", "1");
    const auto out = convert_to(c.format, in);

    const MediaInfo source = probe_media(in), copied = probe_media(out);
    ASSERT_TRUE(source.ok && copied.ok) << source.error << copied.error;
    ASSERT_EQ(copied.streams.size(), 1u);
    const StreamInfo &a = copied.streams[0];
    EXPECT_EQ(a.codec_name, c.codec);
    EXPECT_EQ(a.packet_hash, source.first("audio")->packet_hash) << "the same audio bytes, not re-encoded";
    EXPECT_EQ(a.sample_rate, source.first("audio")->sample_rate);
    EXPECT_NEAR(copied.duration, 0.5, 0.06);
    EXPECT_TRUE(logged("copied (no re-encoding)"));
}

MediaSpec clip_with(const std::string &audio_codec) {
    MediaSpec spec = small_clip();
    spec.audio_codec = audio_codec;
    return spec;
}

INSTANTIATE_TEST_SUITE_P(
    EachFormat, AudioCopy,
    ::testing::Values(CopyCase{"AacFromMovIntoM4a", "clip.mov", clip_with("aac"), "m4a", "aac"},
                      CopyCase{"AlacIntoM4a", "song.m4a", audio_only("alac"), "m4a", "alac"},
                      CopyCase{"Mp3FromMkvIntoMp3", "clip.mkv", clip_with("libmp3lame"), "mp3", "mp3"},
                      CopyCase{"OpusFromWebmIntoOpus", "voice.webm", audio_only("libopus", 48000), "opus", "opus"},
                      CopyCase{"FlacIntoFlac", "song.flac", audio_only("flac"), "flac", "flac"},
                      CopyCase{"PcmFromWavIntoWav", "take.wav", audio_only("pcm_s16le"), "wav", "pcm_s16le"}),
    [](const auto &param_info) { return param_info.param.name; });

using AudioCopyOption = AudioTest;

TEST_F(AudioCopyOption, CodecTheFormatCannotHoldFailsNamingTheFormatThatWould) {
    const auto in = make("clip.mov", small_clip());
    host_.set_option("copy", "1");
    host_.set_option("format", "opus");
    expect_failure(in, "--copy: the aac audio does not fit opus (it holds Opus); use --format m4a, or drop --copy to re-encode",
                   file("out.opus"));
}

TEST_F(AudioCopyOption, CodecNoFormatHoldsFailsSuggestingToReencode) {
    const auto in = make("clip.mkv", clip_with("ac3"));
    host_.set_option("copy", "1");
    expect_failure(in, "--copy: the ac3 audio does not fit m4a (it holds AAC or ALAC); drop --copy to re-encode");
}

TEST_F(AudioCopyOption, BigEndianPcmIsNotCopiedIntoWav) {
    const auto in = make("take.aiff", audio_only("pcm_s16be"));
    host_.set_option("copy", "1");
    host_.set_option("format", "wav");
    expect_failure(in, "--copy: the pcm_s16be audio does not fit wav (it holds little-endian PCM, A-law or mu-law)",
                   file("out.wav"));
    // Without --copy it is converted to the little-endian PCM a .wav holds.
    host_.set_option("copy", "0");
    EXPECT_EQ(probe_media(convert_to("wav", in)).first("audio")->codec_name, "pcm_s16le");
}

TEST_F(AudioCopyOption, BitrateWithCopyIsAWarningNotAnError) {
    const auto in = make("clip.mov", small_clip());
    host_.set_option("copy", "1");
    host_.set_option("audio-bitrate", "64k");
    const auto out = convert_to("m4a", in);
    EXPECT_TRUE(probe_media(out).ok);
    EXPECT_EQ(warning_with("--audio-bitrate"), "--audio-bitrate has no effect with --copy");
}

TEST_F(AudioCopyOption, CopyOfAnInputThatStartsLateStartsAtZero) {
    // MPEG-TS starts its clock at 1.4 s; the copy must not begin with 1.4 s of nothing.
    MediaSpec spec = small_clip();
    const auto in = make("clip.ts", spec);
    ASSERT_GT(probe_media(in).first("audio")->start_time, 1.0) << "the source must start late for this test";
    host_.set_option("copy", "1");
    const MediaInfo out = probe_media(convert_to("m4a", in));
    ASSERT_TRUE(out.ok) << out.error;
    EXPECT_NEAR(out.first("audio")->start_time, 0.0, 0.05);
    EXPECT_NEAR(out.duration, 0.5, 0.06);
}

} // namespace
} // namespace sb::test
