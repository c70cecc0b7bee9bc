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
