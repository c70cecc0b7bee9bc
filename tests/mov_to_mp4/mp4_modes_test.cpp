// --mode auto|transcode|copy: which streams are copied packet for packet and
// which are re-encoded, checked by comparing packet hashes of input and output.
#include "media_samples.hpp"
#include "mp4_test_util.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace sb::test {
namespace {

using Options = std::vector<std::pair<std::string, std::string>>;

class Mp4Modes : public Mp4Test {
protected:
    // A short H.264 + `audio` MOV (small, so every mode is quick).
    std::filesystem::path clip(const std::string &name, const std::string &audio = "aac") {
        MediaSpec spec;
        spec.duration = 0.5;
        spec.width = 160;
        spec.height = 120;
        spec.audio_codec = audio;
        return make(name, spec);
    }

    // Converts on a fresh host on which exactly `options` are set (the fixture's
    // host remembers every option ever set, and setting one is what counts).
    sb_status convert_with(const Options &options, const std::filesystem::path &in, const std::filesystem::path &out) {
        FakeHost host;
        host.set_defaults(*mp4_);
        for (const auto &[name, value] : options) host.set_option(name, value);
        const sb_status status = host.convert(*mp4_, in, out);
        if (!host.error().empty()) std::cout << "[   sb    ] error: " << host.error() << "\n";
        last_error_ = host.error();
        return status;
    }

    std::string last_error_;
};

const StreamInfo &stream(const MediaInfo &info, const std::string &type) {
    static const StreamInfo none;
    const StreamInfo *s = info.first(type);
    EXPECT_NE(s, nullptr) << "no " << type << " stream in " << describe(info);
    return s != nullptr ? *s : none;
}

TEST_F(Mp4Modes, AutoCopiesH264AndAacPacketForPacket) {
    const auto in = clip("clip.mov");
    const auto out = file("clip.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo before = probe_media(in), after = probe_media(out);
    ASSERT_TRUE(after.ok) << after.error;
    std::cout << describe(after) << "\n";
    EXPECT_EQ(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
    EXPECT_EQ(stream(after, "video").frames, stream(before, "video").frames);
    EXPECT_EQ(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash);
    EXPECT_EQ(stream(after, "audio").frames, stream(before, "audio").frames);
    EXPECT_EQ(stream(after, "video").codec_tag, "avc1");
    EXPECT_TRUE(after.moov_before_mdat);
    // Nothing was decoded: no decoder/encoder ever reported a frame format.
    EXPECT_FALSE(has_log(host_, "libx264"));
    EXPECT_FALSE(has_log(host_, " Hz "));
}

TEST_F(Mp4Modes, AutoReencodesPcmAudioAndCopiesTheH264Video) {
    const auto in = clip("pcm.mov", "pcm_s16le");
    const auto out = file("pcm.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo before = probe_media(in), after = probe_media(out);
    ASSERT_TRUE(after.ok) << after.error;
    EXPECT_EQ(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
    EXPECT_EQ(stream(after, "audio").codec_name, "aac");
    EXPECT_EQ(stream(after, "audio").sample_rate, 48000);
    EXPECT_EQ(stream(after, "audio").channels, 2);
}

TEST_F(Mp4Modes, AutoReencodesVideoThatDoesNotPlayEverywhere) {
    struct Case {
        const char *name, *codec, *pix_fmt;
    };
    for (const Case c : {Case{"mpeg4.mov", "mpeg4", "yuv420p"}, Case{"prores.mov", "prores_ks", "yuv422p10le"},
                         Case{"h264_10bit.mov", "libx264", "yuv420p10le"}}) {
        SCOPED_TRACE(c.name);
        MediaSpec spec;
        spec.duration = 0.3;
        spec.width = 160;
        spec.height = 120;
        spec.video_codec = c.codec;
        spec.pix_fmt = c.pix_fmt;
        const auto in = make(c.name, spec);
        const auto out = file(std::string(c.name) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo before = probe_media(in), after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_EQ(stream(after, "video").codec_name, "h264");
        EXPECT_EQ(stream(after, "video").pix_fmt, "yuv420p");
        EXPECT_NE(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
        EXPECT_EQ(stream(after, "video").frames, stream(before, "video").frames);
        // The AAC beside it still plays as it is.
        EXPECT_EQ(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash);
    }
}

TEST_F(Mp4Modes, AutoCopiesHevcMain10AndReencodesHevc422) {
    struct Case {
        const char *pix_fmt;
        bool copied;
    };
    for (const Case c : {Case{"yuv420p10le", true}, Case{"yuv422p", false}}) {
        SCOPED_TRACE(c.pix_fmt);
        MediaSpec spec;
        spec.duration = 0.3;
        spec.width = 160;
        spec.height = 120;
        spec.video_codec = "libx265";
        spec.pix_fmt = c.pix_fmt;
        spec.audio_codec = "";
        const auto in = make(std::string(c.pix_fmt) + ".mov", spec);
        const auto out = file(std::string(c.pix_fmt) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo before = probe_media(in), after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        if (c.copied) {
            EXPECT_EQ(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
            EXPECT_EQ(stream(after, "video").codec_tag, "hvc1");
            EXPECT_EQ(stream(after, "video").pix_fmt, c.pix_fmt);
        } else {
            EXPECT_EQ(stream(after, "video").codec_name, "h264");
            EXPECT_EQ(stream(after, "video").pix_fmt, "yuv420p");
        }
    }
}

TEST_F(Mp4Modes, AutoCopiesAc3AndAlacAndReencodesLowRateMp3) {
    struct Case {
        const char *codec;
        int rate;
        bool copied;
    };
    for (const Case c : {Case{"ac3", 48000, true}, Case{"alac", 44100, true}, Case{"libmp3lame", 44100, true},
                         Case{"libmp3lame", 8000, false}}) {
        const std::string name = std::string(c.codec) + std::to_string(c.rate);
        SCOPED_TRACE(name);
        MediaSpec spec;
        spec.duration = 0.5;
        spec.video_codec = "";
        spec.audio_codec = c.codec;
        spec.sample_rate = c.rate;
        const auto in = make(name + ".mov", spec);
        const auto out = file(name + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo before = probe_media(in), after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        if (c.copied) {
            EXPECT_EQ(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash);
        } else {
            EXPECT_EQ(stream(after, "audio").codec_name, "aac"); // MPEG-2.5 mp3 does not play from MP4
            EXPECT_EQ(stream(after, "audio").sample_rate, 8000);
        }
    }
}

TEST_F(Mp4Modes, AviBFramesAreReencodedInAutoAndRefusedInCopy) {
    // AVI keeps decode order only: copied, the B-frames would show out of order.
    MediaSpec spec;
    spec.duration = 0.4;
    spec.width = 128;
    spec.height = 96;
    spec.extra_args = {"-preset", "veryfast", "-bf", "2"};
    const auto in = make("bframes.avi", spec);
    const auto out = file("auto.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo before = probe_media(in), after = probe_media(out);
    ASSERT_TRUE(after.ok) << after.error;
    EXPECT_NE(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
    EXPECT_EQ(stream(after, "video").frames, stream(before, "video").frames);
    EXPECT_EQ(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash);

    host_.set_option("mode", "copy");
    EXPECT_EQ(convert(in, file("copy.mp4")), SB_STATUS_FAILED);
    EXPECT_NE(host_.error().find("video stream #0 h264 cannot be copied into MP4"), std::string::npos)
        << host_.error();
    EXPECT_NE(host_.error().find("B-frames"), std::string::npos) << host_.error();
    EXPECT_FALSE(std::filesystem::exists(file("copy.mp4")));
}

TEST_F(Mp4Modes, CopyWarnsOnceThatQualityFlagsChangeNothing) {
    const auto in = clip("clip.mov");
    host_.set_option("mode", "copy");
    host_.set_option("quality", "30");
    host_.set_option("audio-bitrate", "96k");
    const auto out = file("clip.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    ASSERT_EQ(host_.warnings().size(), 1u);
    EXPECT_EQ(host_.warnings()[0], "--mode copy: -q, --audio-bitrate ignored (nothing is re-encoded)");
    const MediaInfo before = probe_media(in), after = probe_media(out);
    EXPECT_EQ(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
    EXPECT_EQ(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash);
}

TEST_F(Mp4Modes, VideoQualityFlagTurnsAutoIntoTranscodeForVideoOnly) {
    const auto in = clip("clip.mov");
    const MediaInfo before = probe_media(in);
    const Options flags = {{"quality", "30"}, {"preset", "ultrafast"}, {"bitrate", "300k"}, {"codec", "h264"}};
    for (const auto &flag : flags) {
        SCOPED_TRACE(flag.first);
        const auto out = file(flag.first + ".mp4");
        ASSERT_EQ(convert_with({flag}, in, out), SB_STATUS_OK) << last_error_;
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_EQ(stream(after, "video").codec_name, "h264");
        EXPECT_NE(stream(after, "video").packet_hash, stream(before, "video").packet_hash) << "video was copied";
        EXPECT_EQ(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash) << "audio was re-encoded";
    }
}

TEST_F(Mp4Modes, AudioFlagTurnsAutoIntoTranscodeForAudioOnly) {
    const auto in = clip("clip.mov");
    const MediaInfo before = probe_media(in);
    for (const auto &flag : Options{{"audio", "aac"}, {"audio-bitrate", "96k"}}) {
        SCOPED_TRACE(flag.first);
        const auto out = file(flag.first + ".mp4");
        ASSERT_EQ(convert_with({flag}, in, out), SB_STATUS_OK) << last_error_;
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_EQ(stream(after, "audio").codec_name, "aac");
        EXPECT_NE(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash) << "audio was copied";
        EXPECT_EQ(stream(after, "video").packet_hash, stream(before, "video").packet_hash) << "video was re-encoded";
    }
}

TEST_F(Mp4Modes, CopyOfAStreamMp4CannotHoldFailsNamingItAndWritesNothing) {
    const auto pcm = clip("pcm.mov", "pcm_s16le");
    host_.set_option("mode", "copy");
    const auto out = file("pcm.mp4");
    EXPECT_EQ(convert(pcm, out), SB_STATUS_FAILED);
    EXPECT_TRUE(is_one_line(host_.error())) << host_.error();
    EXPECT_NE(host_.error().find("audio stream #1"), std::string::npos) << host_.error();
    EXPECT_NE(host_.error().find("pcm_s16le"), std::string::npos) << host_.error();
    EXPECT_FALSE(std::filesystem::exists(out));

    MediaSpec spec;
    spec.duration = 0.3;
    spec.width = 64;
    spec.height = 48;
    spec.video_codec = "qtrle";
    spec.pix_fmt = "rgb24";
    const auto rle = make("rle.mov", spec);
    const auto rle_out = file("rle.mp4");
    EXPECT_EQ(convert(rle, rle_out), SB_STATUS_FAILED);
    EXPECT_NE(host_.error().find("video stream #0"), std::string::npos) << host_.error();
    EXPECT_NE(host_.error().find("qtrle"), std::string::npos) << host_.error();
    EXPECT_FALSE(std::filesystem::exists(rle_out));
    // Nothing but the two inputs: no partial or temporary file either.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_.path()), std::filesystem::directory_iterator()), 2);
}

TEST_F(Mp4Modes, CopyKeepsEveryPacketOfAnMp4ReadyInput) {
    const auto in = clip("clip.mov");
    host_.set_option("mode", "copy");
    const auto out = file("clip.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo before = probe_media(in), after = probe_media(out);
    ASSERT_TRUE(after.ok) << after.error;
    EXPECT_EQ(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
    EXPECT_EQ(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash);
}

TEST_F(Mp4Modes, TranscodeReencodesAnH264Input) {
    const auto in = clip("clip.mov");
    host_.set_option("mode", "transcode");
    host_.set_option("preset", "ultrafast");
    const auto out = file("clip.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo before = probe_media(in), after = probe_media(out);
    ASSERT_TRUE(after.ok) << after.error;
    EXPECT_EQ(stream(after, "video").codec_name, "h264");
    EXPECT_NE(stream(after, "video").packet_hash, stream(before, "video").packet_hash);
    EXPECT_EQ(stream(after, "video").frames, stream(before, "video").frames);
    EXPECT_EQ(stream(after, "audio").codec_name, "aac");
    EXPECT_NE(stream(after, "audio").packet_hash, stream(before, "audio").packet_hash);
}

TEST_F(Mp4Modes, DecisionPerStreamIsLoggedAtInfoForConvertAndPlan) {
    const auto in = clip("pcm.mov", "pcm_s16le");
    const std::string decision = "video h264 → copy, audio pcm_s16le → aac 192k";
    ASSERT_EQ(convert(in, file("pcm.mp4")), SB_STATUS_OK) << host_.error();
    auto lines = info_lines(host_);
    EXPECT_EQ(std::count(lines.begin(), lines.end(), decision), 1) << "info lines: " << ::testing::PrintToString(lines);

    ASSERT_EQ(host_.plan(*mp4_, in), SB_STATUS_OK) << host_.error();
    lines = info_lines(host_);
    EXPECT_EQ(std::count(lines.begin(), lines.end(), decision), 1) << "info lines: " << ::testing::PrintToString(lines);
    EXPECT_FALSE(std::filesystem::exists(file("pcm.mp4.tmp")));
}

TEST_F(Mp4Modes, CopiedHevcIsTaggedHvc1EvenWhenTheInputWasHev1) {
    const auto in = file("hev1.mp4");
    ASSERT_EQ(ffmpeg("-f lavfi -i testsrc2=size=160x120:rate=30:duration=0.3 -c:v libx265 -preset ultrafast"
                     " -x265-params log-level=error -tag:v hev1 " + quoted(in)),
              0);
    const MediaInfo before = probe_media(in);
    ASSERT_EQ(stream(before, "video").codec_tag, "hev1");
    const auto out = file("hvc1.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo after = probe_media(out);
    ASSERT_TRUE(after.ok) << after.error;
    EXPECT_EQ(stream(after, "video").codec_name, "hevc");
    EXPECT_EQ(stream(after, "video").codec_tag, "hvc1");
    EXPECT_EQ(stream(after, "video").packet_hash, stream(before, "video").packet_hash); // copied, not re-encoded
    EXPECT_GE(stored_rgb_at(out, 0, 0)[0], 0) << "the output does not decode";
}

} // namespace
} // namespace sb::test
