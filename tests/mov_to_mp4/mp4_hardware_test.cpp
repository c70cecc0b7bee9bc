// --hw without a usable GPU fails with one clear line (and works if there is one).
#include "mp4_test_util.hpp"

namespace sb::test {
namespace {

class Mp4Hardware : public Mp4Test {
protected:
    void expect_works_or_one_clear_line(const std::string &hw, const std::string &codec,
                                        const std::string &expected_reason) {
        MediaSpec spec;
        spec.duration = 0.3;
        const auto in = make("clip.mov", spec);
        host_.set_option("hw", hw);
        host_.set_option("codec", codec);
        host_.set_option("mode", "transcode"); // --hw alone does not stop auto from copying H.264
        const sb_status status = convert(in, file("clip.mp4"));
        if (status == SB_STATUS_OK) {
            std::cout << "--hw " << hw << " works on this machine\n";
            EXPECT_TRUE(probe_media(file("clip.mp4")).ok);
            return;
        }
        EXPECT_EQ(status, SB_STATUS_FAILED);
        EXPECT_TRUE(is_one_line(host_.error())) << "'" << host_.error() << "'";
        EXPECT_NE(host_.error().find(expected_reason), std::string::npos) << host_.error();
    }
};

TEST_F(Mp4Hardware, VaapiWithoutDeviceFailsWithOneLine) {
    expect_works_or_one_clear_line("vaapi", "h264", "--hw vaapi: cannot open VAAPI device: ");
}

TEST_F(Mp4Hardware, NvencWithoutGpuFailsWithOneLine) {
    expect_works_or_one_clear_line("nvenc", "h264", "h264_nvenc");
}

TEST_F(Mp4Hardware, QsvWithoutGpuFailsWithOneLine) { expect_works_or_one_clear_line("qsv", "h265", "hevc_qsv"); }

TEST_F(Mp4Hardware, AutoFallsBackToSoftwareAndSaysSoOnce) {
    MediaSpec spec;
    spec.duration = 0.3;
    const auto in = make("clip.mov", spec);
    host_.set_option("hw", "auto");
    host_.set_option("mode", "transcode");
    ASSERT_EQ(convert(in, file("clip.mp4")), SB_STATUS_OK) << host_.error();
    EXPECT_TRUE(probe_media(file("clip.mp4")).ok);
    int hw_warnings = 0;
    for (const auto &w : host_.warnings()) hw_warnings += w.find("--hw auto") != std::string::npos ? 1 : 0;
    if (has_log(host_, "using it")) {
        std::cout << "a hardware encoder works on this machine\n";
        EXPECT_EQ(hw_warnings, 0);
        return;
    }
    EXPECT_EQ(hw_warnings, 1);
    for (const auto &w : host_.warnings())
        if (w.find("--hw auto") != std::string::npos) {
            EXPECT_TRUE(is_one_line(w));
            EXPECT_NE(w.find("h264_nvenc"), std::string::npos) << w;
            EXPECT_NE(w.find("encoding with libx264 instead"), std::string::npos) << w;
        }
}

TEST_F(Mp4Hardware, AutoWithTwoVideoStreamsStillWarnsOnce) {
    MediaSpec spec;
    spec.duration = 0.3;
    spec.audio_codec = "";
    const auto one = make("one.mkv", spec);
    const auto in = file("two.mkv");
    ASSERT_EQ(ffmpeg("-i " + quoted(one) + " -i " + quoted(one) + " -map 0:v -map 1:v -c copy " + quoted(in)), 0);
    host_.set_option("hw", "auto");
    host_.set_option("mode", "transcode");
    ASSERT_EQ(convert(in, file("two.mp4")), SB_STATUS_OK) << host_.error();
    EXPECT_EQ(real_video_count(probe_media(file("two.mp4"))), 2);
    int hw_warnings = 0;
    for (const auto &w : host_.warnings()) hw_warnings += w.find("--hw auto") != std::string::npos ? 1 : 0;
    EXPECT_LE(hw_warnings, 1);
}

TEST_F(Mp4Hardware, HardwarePixelFormatsAreLimitedToWhatTheyEncode) {
    MediaSpec spec;
    spec.duration = 0.3;
    const auto in = make("clip.mov", spec);
    host_.set_option("hw", "vaapi");
    host_.set_option("pix-fmt", "yuv444p");
    EXPECT_EQ(convert(in, file("clip.mp4")), SB_STATUS_FAILED);
    EXPECT_EQ(host_.error(), "--pix-fmt yuv444p: --hw vaapi encodes h264 only as yuv420p (drop --hw or pick one of those)");
    EXPECT_FALSE(std::filesystem::exists(file("clip.mp4")));
}

TEST_F(Mp4Hardware, NvencCannotDoVp9) {
    MediaSpec spec;
    spec.duration = 0.3;
    const auto in = make("clip.mov", spec);
    host_.set_option("hw", "nvenc");
    host_.set_option("codec", "vp9");
    EXPECT_EQ(convert(in, file("clip.mp4")), SB_STATUS_FAILED);
    EXPECT_EQ(host_.error(), "--hw nvenc cannot encode vp9 (use --codec h264 or h265)");
}

} // namespace
} // namespace sb::test
