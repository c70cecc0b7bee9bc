// Converting good inputs: what comes out, probed.
#include "mp4_test_util.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <csignal>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

namespace sb::test {
namespace {

class Mp4Convert : public Mp4Test {};

// The rules that hold whether a stream is copied (the default, auto, for
// H.264/AAC inputs) or re-encoded are checked in both modes.
const char *const kBothModes[] = {"auto", "transcode"};

TEST_F(Mp4Convert, H264PcmMovBecomesH264AacMp4) {
    MediaSpec spec;
    spec.audio_codec = "pcm_s16le";
    const auto in = make("clip.mov", spec);
    const auto out = file("clip.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok) << info.error;
    std::cout << describe(info) << "\n";
    EXPECT_NE(info.format_name.find("mp4"), std::string::npos);
    ASSERT_EQ(info.count("video"), 1);
    ASSERT_EQ(info.count("audio"), 1);
    EXPECT_EQ(info.first("video")->codec_name, "h264");
    EXPECT_EQ(info.first("video")->codec_tag, "avc1");
    EXPECT_EQ(info.first("video")->pix_fmt, "yuv420p");
    EXPECT_EQ(info.first("video")->frames, 30);
    EXPECT_EQ(info.first("audio")->codec_name, "aac");
    EXPECT_EQ(info.first("audio")->sample_rate, 48000);
    EXPECT_EQ(info.first("audio")->channels, 2);
    EXPECT_GT(host_.progress_calls(), 0);
    EXPECT_NEAR(host_.last_progress_seconds(), 1.0, 0.1);
    EXPECT_TRUE(host_.warnings().empty());
}

TEST_F(Mp4Convert, DurationStaysWithinOneFrameOfTheInput) {
    MediaSpec spec;
    spec.duration = 2.0;
    spec.rate = "25";
    const auto in = make("clip.mov", spec);
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo before = probe_media(in), after = probe_media(out);
        ASSERT_TRUE(before.ok && after.ok);
        std::cout << describe(before) << "\n" << describe(after) << "\n";
        const double frame = 1.0 / 25;
        EXPECT_NEAR(after.duration, before.duration, frame + 1e-3);
        EXPECT_NEAR(after.first("video")->duration, before.first("video")->duration, frame + 1e-3);
        EXPECT_NEAR(after.first("audio")->duration, before.first("audio")->duration, frame + 1e-3);
        EXPECT_EQ(after.first("video")->frames, before.first("video")->frames);
    }
}

TEST_F(Mp4Convert, VariableFrameRateKeepsItsTiming) {
    // 30 frames at 30 fps, then 30 frames at 10 fps: 60 frames over 4 s (BR-12).
    MediaSpec spec;
    spec.duration = 2.0;
    spec.audio_codec = "";
    spec.format = "matroska";
    spec.extra_args = {"-vf", "setpts='if(lt(N,30),N/30,1+(N-30)/10)/TB'", "-fps_mode:v", "passthrough"};
    const auto video = make("vfr_video.mkv", spec);
    // Add a 4 s opus track like the BR-12 case.
    const auto in = file("vfr.mkv");
    ASSERT_EQ(run_shell("ffmpeg -nostdin -hide_banner -loglevel error -y -i " + quoted(video) +
                        " -f lavfi -i sine=frequency=440:sample_rate=48000:duration=4 -map 0:v -map 1:a -c:v copy"
                        " -c:a libopus -b:a 64k " + quoted(in)),
              0);
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo info = probe_media(out);
        ASSERT_TRUE(info.ok) << info.error;
        std::cout << describe(info) << "\n";
        EXPECT_NEAR(info.duration, 4.0, 0.15);
        ASSERT_NE(info.first("video"), nullptr);
        EXPECT_NEAR(info.first("video")->duration, 4.0, 0.15);
        EXPECT_EQ(info.first("video")->frames, 60); // no duplicated or dropped frames
        EXPECT_TRUE(info.first("video")->dts_increasing);
        ASSERT_NE(info.first("audio"), nullptr);
        EXPECT_EQ(info.first("audio")->codec_name, "aac"); // opus is re-encoded in both modes
        EXPECT_NEAR(info.first("audio")->duration, 4.0, 0.1);
    }
}

TEST_F(Mp4Convert, OddDimensionsBecomeEvenYuv420p) {
    MediaSpec spec;
    spec.width = 641;
    spec.height = 481;
    spec.rate = "10";
    spec.video_codec = "qtrle";
    spec.pix_fmt = "rgb24";
    const auto in = make("odd.mov", spec);
    const auto out = file("odd.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok) << info.error;
    const StreamInfo *v = info.first("video");
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(v->codec_name, "h264");
    EXPECT_EQ(v->pix_fmt, "yuv420p");
    EXPECT_EQ(v->width, 640); // cropped by one column and one row
    EXPECT_EQ(v->height, 480);
}

TEST_F(Mp4Convert, TenBit422ProResBecomesPlayableHighProfile) {
    MediaSpec spec;
    spec.video_codec = "prores_ks";
    spec.pix_fmt = "yuv422p10le";
    spec.audio_codec = "pcm_s24le";
    spec.duration = 0.5;
    const auto in = make("prores.mov", spec);
    const auto out = file("prores.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok) << info.error;
    ASSERT_NE(info.first("video"), nullptr);
    EXPECT_EQ(info.first("video")->codec_name, "h264");
    EXPECT_EQ(info.first("video")->pix_fmt, "yuv420p");
    EXPECT_EQ(info.first("video")->profile, "High");
    ASSERT_NE(info.first("audio"), nullptr);
    EXPECT_EQ(info.first("audio")->codec_name, "aac");
}

TEST_F(Mp4Convert, H265OutputIsTaggedHvc1) {
    MediaSpec spec;
    spec.duration = 0.5;
    const auto in = make("clip.mov", spec);
    const auto out = file("clip.mp4");
    host_.set_option("codec", "h265");
    host_.set_option("preset", "ultrafast");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok) << info.error;
    ASSERT_NE(info.first("video"), nullptr);
    EXPECT_EQ(info.first("video")->codec_name, "hevc");
    EXPECT_EQ(info.first("video")->codec_tag, "hvc1");
    EXPECT_EQ(info.first("audio")->codec_name, "aac");
}

TEST_F(Mp4Convert, Vp9OutputWorks) {
    MediaSpec spec;
    spec.duration = 0.5;
    const auto in = make("clip.mkv", spec);
    const auto out = file("clip.mp4");
    host_.set_option("codec", "vp9");
    host_.set_option("preset", "ultrafast");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok) << info.error;
    ASSERT_NE(info.first("video"), nullptr);
    EXPECT_EQ(info.first("video")->codec_name, "vp9");
    EXPECT_EQ(info.first("video")->frames, 15);
}

TEST_F(Mp4Convert, BitrateOptionSetsTheVideoBitrate) {
    MediaSpec spec;
    spec.duration = 2.0;
    spec.audio_codec = "";
    const auto in = make("clip.mov", spec);
    auto video_kbps = [&](const std::string &bitrate, const std::string &name) {
        host_.set_option("bitrate", bitrate);
        host_.set_option("preset", "veryfast");
        const auto out = file(name);
        EXPECT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo info = probe_media(out);
        EXPECT_TRUE(info.ok);
        return static_cast<double>(std::filesystem::file_size(out)) * 8 / 1000 / info.duration;
    };
    const double low = video_kbps("150k", "low.mp4");
    const double mid = video_kbps("500k", "mid.mp4");
    const double high = video_kbps("1500k", "high.mp4");
    std::cout << "kb/s: " << low << " " << mid << " " << high << "\n";
    EXPECT_NEAR(mid, 500, 200);
    EXPECT_LT(low, mid * 0.6);
    EXPECT_GT(high, mid * 1.8);
}

TEST_F(Mp4Convert, QualityGivenWithBitrateIsIgnoredWithAWarning) {
    MediaSpec spec;
    spec.duration = 0.5;
    const auto in = make("clip.mov", spec);
    host_.set_option("bitrate", "500k");
    host_.set_option("quality", "18");
    host_.set_option("preset", "ultrafast");
    ASSERT_EQ(convert(in, file("out.mp4")), SB_STATUS_OK) << host_.error();
    ASSERT_EQ(host_.warnings().size(), 1u);
    EXPECT_EQ(host_.warnings()[0], "-q ignored: -b sets a target bitrate instead of a quality");
    EXPECT_EQ(probe_media(file("out.mp4")).first("video")->codec_name, "h264");
}

TEST_F(Mp4Convert, Mp3AudioOption) {
    MediaSpec spec;
    spec.duration = 0.5;
    spec.sample_rate = 44100;
    const auto in = make("clip.mov", spec);
    const auto out = file("clip.mp4");
    host_.set_option("audio", "mp3");
    host_.set_option("audio-bitrate", "128k");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok);
    ASSERT_NE(info.first("audio"), nullptr);
    EXPECT_EQ(info.first("audio")->codec_name, "mp3");
    EXPECT_EQ(info.first("audio")->sample_rate, 44100);
}

TEST_F(Mp4Convert, VideoOnlyInputGivesVideoOnlyOutput) {
    MediaSpec spec;
    spec.audio_codec = "";
    const auto in = make("silent.mov", spec);
    const auto out = file("silent.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok);
    EXPECT_EQ(info.count("video"), 1);
    EXPECT_EQ(info.count("audio"), 0);
    EXPECT_NEAR(info.duration, 1.0, 0.05);
}

TEST_F(Mp4Convert, AudioOnlyInputGivesAudioOnlyOutput) {
    MediaSpec spec;
    spec.video_codec = "";
    spec.audio_codec = "pcm_s16le";
    spec.channels = 1;
    spec.sample_rate = 22050;
    const auto in = make("voice.mov", spec);
    const auto out = file("voice.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok);
    EXPECT_EQ(info.count("video"), 0);
    ASSERT_EQ(info.count("audio"), 1);
    EXPECT_EQ(info.first("audio")->codec_name, "aac");
    EXPECT_EQ(info.first("audio")->channels, 1);
    EXPECT_EQ(info.first("audio")->sample_rate, 22050);
    EXPECT_NEAR(info.duration, 1.0, 0.05);
}

TEST_F(Mp4Convert, RotationMatrixIsKeptNotApplied) {
    MediaSpec spec;
    spec.duration = 0.5;
    const auto stored = make("stored.mov", spec);
    const auto in = file("portrait.mov");
    ASSERT_NO_FATAL_FAILURE(remux_with_rotation(stored, in, 90));
    ASSERT_EQ(probe_media(in).first("video")->rotation, 90);
    const auto out = file("portrait.mp4");
    host_.set_option("mode", "transcode"); // copying is Mp4Rotation's business
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok);
    ASSERT_NE(info.first("video"), nullptr);
    EXPECT_EQ(info.first("video")->rotation, 90);
    EXPECT_EQ(info.first("video")->width, 320); // pixels untouched
    EXPECT_EQ(info.first("video")->height, 240);
}

TEST_F(Mp4Convert, MoovComesBeforeMdat) {
    MediaSpec spec;
    spec.duration = 0.5;
    const auto in = make("plain.mov", spec);
    ASSERT_FALSE(probe_media(in).moov_before_mdat); // the mov muxer writes moov last
    for (const char *mode : {"auto", "transcode", "copy"}) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        EXPECT_TRUE(probe_media(out).moov_before_mdat);
    }
}

TEST_F(Mp4Convert, AudioCopyKeepsAacPackets) {
    MediaSpec spec;
    spec.duration = 1.0;
    const auto in = make("clip.mov", spec);
    const auto out = file("clip.mp4");
    host_.set_option("audio", "copy");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo before = probe_media(in), after = probe_media(out);
    ASSERT_TRUE(after.ok);
    ASSERT_NE(after.first("audio"), nullptr);
    EXPECT_EQ(after.first("audio")->codec_name, "aac");
    EXPECT_EQ(after.first("audio")->frames, before.first("audio")->frames);
}

TEST_F(Mp4Convert, AudioCopyOfPcmFailsWithClearReason) {
    MediaSpec spec;
    spec.duration = 0.5;
    spec.audio_codec = "pcm_s16le";
    const auto in = make("clip.mov", spec);
    const auto out = file("clip.mp4");
    host_.set_option("audio", "copy");
    EXPECT_EQ(convert(in, out), SB_STATUS_FAILED);
    EXPECT_EQ(host_.error(), "audio stream #1 pcm_s16le cannot be copied into MP4 (use --audio aac)");
    EXPECT_FALSE(std::filesystem::exists(out)); // refused before writing anything
}

TEST_F(Mp4Convert, AllAudioStreamsKeepOrderLanguageAndDisposition) {
    MediaSpec spec;
    spec.audio_codec = "";
    spec.duration = 0.5;
    spec.format = "matroska";
    const auto video = make("video.mkv", spec);
    const auto in = file("two_audio.mkv");
    ASSERT_EQ(run_shell("ffmpeg -nostdin -hide_banner -loglevel error -y -i " + quoted(video) +
                        " -f lavfi -i sine=frequency=440:duration=0.5 -f lavfi -i sine=frequency=880:duration=0.5"
                        " -map 0:v -map 1:a -map 2:a -c:v copy -c:a:0 aac -ac:a:0 2 -c:a:1 ac3 -ac:a:1 1"
                        " -metadata:s:a:0 language=eng -metadata:s:a:1 language=deu"
                        " -metadata:s:a:0 title=Main -metadata:s:a:1 title=Kommentar"
                        " -disposition:a:0 default -disposition:a:1 0 " + quoted(in)),
              0);
    const auto out = file("two_audio.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok);
    std::cout << describe(info) << "\n";
    ASSERT_EQ(info.count("audio"), 2);
    EXPECT_EQ(info.streams[1].tags.at("language"), "eng");
    EXPECT_EQ(info.streams[1].channels, 2);
    EXPECT_EQ(info.streams[2].tags.at("language"), "deu");
    EXPECT_EQ(info.streams[2].channels, 1);
    EXPECT_EQ(info.streams[1].tags.at("handler_name"), "Main");
    EXPECT_EQ(info.streams[2].tags.at("handler_name"), "Kommentar");
    EXPECT_TRUE(info.streams[1].disposition & 1);  // AV_DISPOSITION_DEFAULT
    EXPECT_FALSE(info.streams[2].disposition & 1);
}

TEST_F(Mp4Convert, TextSubtitlesBecomeMovTextWithoutWarning) {
    MediaSpec spec;
    spec.duration = 1.0;
    const auto av = make("av.mkv", spec);
    const auto srt = file("subs.srt");
    {
        std::ofstream s(srt);
        s << "1\n00:00:00,200 --> 00:00:00,800\nHello\n\n";
    }
    const auto in = file("subs.mkv");
    ASSERT_EQ(run_shell("ffmpeg -nostdin -hide_banner -loglevel error -y -i " + quoted(av) + " -i " + quoted(srt) +
                        " -map 0 -map 1 -c copy -c:s srt " + quoted(in)),
              0);
    const auto out = file("subs.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    EXPECT_TRUE(host_.warnings().empty());
    const MediaInfo info = probe_media(out);
    EXPECT_EQ(info.count("video"), 1);
    EXPECT_EQ(info.count("audio"), 1);
    ASSERT_EQ(info.count("subtitle"), 1);
    EXPECT_EQ(info.first("subtitle")->codec_name, "mov_text");
    EXPECT_EQ(info.first("subtitle")->cues, 1);
}

TEST_F(Mp4Convert, ContainerAndStreamMetadataAreCopied) {
    MediaSpec spec;
    spec.duration = 0.5;
    spec.extra_args = {"-metadata", "title=Holiday", "-metadata", "creation_time=2022-11-09T17:36:38.000000Z",
                       "-metadata:s:a:0", "language=fra"};
    const auto in = make("tagged.mov", spec);
    const auto out = file("tagged.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok);
    EXPECT_EQ(info.tags.at("title"), "Holiday");
    EXPECT_EQ(info.tags.at("creation_time"), "2022-11-09T17:36:38.000000Z");
    EXPECT_EQ(info.first("audio")->tags.at("language"), "fra");
}

TEST_F(Mp4Convert, ThreadBudgetIsHandedToTheEncoder) {
    MediaSpec spec;
    spec.duration = 0.3;
    const auto in = make("clip.mov", spec);
    host_.set_option("mode", "transcode"); // a copy has no encoder
    host_.set_thread_budget(3);
    ASSERT_EQ(convert(in, file("three.mp4")), SB_STATUS_OK) << host_.error();
    EXPECT_TRUE(has_log(host_, "libx264")) << "no encoder log line";
    EXPECT_TRUE(has_log(host_, "threads=3"));
    host_.set_thread_budget(1);
    ASSERT_EQ(convert(in, file("one.mp4")), SB_STATUS_OK) << host_.error();
    EXPECT_TRUE(has_log(host_, "threads=1"));
    EXPECT_FALSE(has_log(host_, "threads=3"));
}

TEST_F(Mp4Convert, FileNamesThatLookLikeUrlsWork) {
    MediaSpec spec;
    spec.duration = 0.3;
    const auto in = make("10:30 take #1.mov", spec);
    const auto out = file("10:30 take #1.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    EXPECT_TRUE(probe_media(out).ok);
}

TEST_F(Mp4Convert, ProbeReturnsTheDuration) {
    MediaSpec spec;
    spec.duration = 1.5;
    const auto in = make("clip.mov", spec);
    double duration = 0;
    ASSERT_EQ(host_.probe(*mp4_, in, &duration), SB_STATUS_OK) << host_.error();
    EXPECT_NEAR(duration, 1.5, 0.05);
}

TEST_F(Mp4Convert, ProbeReportsUnknownDurationAsNegative) {
    // Matroska written to a pipe has no Duration element (like browser recordings).
    const auto in = file("live.webm");
    ASSERT_EQ(run_shell("ffmpeg -nostdin -hide_banner -loglevel error -f lavfi -i testsrc2=size=160x120:duration=0.5"
                        " -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -f webm - > " + quoted(in)),
              0);
    double duration = 0;
    ASSERT_EQ(host_.probe(*mp4_, in, &duration), SB_STATUS_OK) << host_.error();
    EXPECT_LT(duration, 0);
    ASSERT_EQ(convert(in, file("live.mp4")), SB_STATUS_OK) << host_.error();
    EXPECT_NEAR(probe_media(file("live.mp4")).duration, 0.5, 0.05);
}

TEST_F(Mp4Convert, ConcurrentJobsInOneProcessDoNotInterfere) {
    // Several jobs run at once in the host; each has its own FFmpeg objects.
    constexpr int kJobs = 3;
    std::vector<std::filesystem::path> inputs;
    for (int i = 0; i < kJobs; ++i) {
        MediaSpec spec;
        spec.duration = 0.4 + 0.2 * i;
        spec.width = 160 + 32 * i;
        spec.height = 120;
        inputs.push_back(make("job" + std::to_string(i) + ".mov", spec));
    }
    std::vector<std::unique_ptr<FakeHost>> hosts;
    std::vector<sb_status> status(kJobs, SB_STATUS_FAILED);
    std::vector<std::thread> threads;
    for (int i = 0; i < kJobs; ++i) {
        hosts.push_back(std::make_unique<FakeHost>());
        hosts.back()->set_defaults(*mp4_);
        hosts.back()->set_thread_budget(1);
    }
    for (int i = 0; i < kJobs; ++i)
        threads.emplace_back([&, i] {
            status[static_cast<std::size_t>(i)] =
                hosts[static_cast<std::size_t>(i)]->convert(*mp4_, inputs[static_cast<std::size_t>(i)],
                                                            file("job" + std::to_string(i) + ".mp4"));
        });
    for (auto &t : threads) t.join();
    for (int i = 0; i < kJobs; ++i) {
        SCOPED_TRACE("job " + std::to_string(i));
        EXPECT_EQ(status[static_cast<std::size_t>(i)], SB_STATUS_OK) << hosts[static_cast<std::size_t>(i)]->error();
        const MediaInfo info = probe_media(file("job" + std::to_string(i) + ".mp4"));
        ASSERT_TRUE(info.ok);
        EXPECT_EQ(info.first("video")->width, 160 + 32 * i);
        EXPECT_NEAR(info.duration, 0.4 + 0.2 * i, 0.05);
    }
}

TEST_F(Mp4Convert, WriteErrorFailsWithTheSystemReason) {
    // BR-34: the output file system refuses the data (EFBIG standing in for ENOSPC).
    MediaSpec spec;
    spec.duration = 3.0;
    spec.width = 640;
    spec.height = 360;
    const auto in = make("big.mov", spec);
    struct rlimit old_limit {};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limit = old_limit;
    limit.rlim_cur = 64 * 1024;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limit), 0);
    host_.set_option("quality", "10"); // far more than 64 KiB
    const sb_status status = convert(in, file("big.mp4"));
    setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    EXPECT_EQ(status, SB_STATUS_FAILED);
    EXPECT_TRUE(is_one_line(host_.error()));
    EXPECT_NE(host_.error().find("File too large"), std::string::npos) << host_.error();
}

} // namespace
} // namespace sb::test
