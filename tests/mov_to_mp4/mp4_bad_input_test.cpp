// Inputs that cannot be converted fail with one clear line, never a crash.
#include "mp4_test_util.hpp"

#include <fstream>
#include <vector>

namespace sb::test {
namespace {

class Mp4BadInput : public Mp4Test {
protected:
    // Converts `in`, expects a one-line failure containing `reason`.
    void expect_failure(const std::filesystem::path &in, const std::string &reason) {
        EXPECT_EQ(convert(in, file("out.mp4")), SB_STATUS_FAILED);
        EXPECT_TRUE(is_one_line(host_.error())) << "'" << host_.error() << "'";
        EXPECT_NE(host_.error().find(reason), std::string::npos) << host_.error();
    }
};

TEST_F(Mp4BadInput, EmptyFileSaysSo) {
    const auto in = file("empty.mov");
    std::ofstream{in};
    expect_failure(in, "empty file (0 bytes)");
}

TEST_F(Mp4BadInput, TextFileIsNotMedia) {
    const auto in = file("notes.mov");
    std::ofstream(in) << "These are my holiday notes, not a movie.\n";
    expect_failure(in, "not a media file FFmpeg can read: Invalid data found when processing input");
}

TEST_F(Mp4BadInput, TruncatedMovNamesTheMissingMoov) {
    MediaSpec spec;
    spec.duration = 2.0;
    const auto full = make("full.mov", spec);
    const auto in = file("truncated.mov");
    copy_prefix(full, in, std::filesystem::file_size(full) / 2);
    expect_failure(in, "moov atom not found");
}

TEST_F(Mp4BadInput, NoisePretendingToBeQuickTimeFails) {
    // ftyp, then a moov box header promising 2 GiB, then noise (BR-27's a_corrupt.mov).
    const auto in = file("a_corrupt.mov");
    {
        std::ofstream out(in, std::ios::binary);
        const unsigned char head[] = {0, 0, 0, 0x14, 'f', 't', 'y', 'p', 'q', 't', ' ', ' ', 0, 0, 2, 0,
                                      'q', 't', ' ', ' ', 0x7f, 0xff, 0xff, 0xff, 'm', 'o', 'o', 'v'};
        out.write(reinterpret_cast<const char *>(head), sizeof head);
        unsigned state = 12345;
        for (int i = 0; i < 96000; ++i) {
            state = state * 1103515245u + 12345u;
            out.put(static_cast<char>(state >> 16));
        }
    }
    EXPECT_EQ(convert(in, file("out.mp4")), SB_STATUS_FAILED);
    EXPECT_TRUE(is_one_line(host_.error())) << "'" << host_.error() << "'";
}

TEST_F(Mp4BadInput, FileWithoutVideoOrAudioFails) {
    const auto srt = file("subs.srt");
    std::ofstream(srt) << "1\n00:00:00,200 --> 00:00:00,800\nHello\n\n";
    const auto in = file("subs_only.mkv");
    ASSERT_EQ(run_shell("ffmpeg -nostdin -hide_banner -loglevel error -y -i " + quoted(srt) + " -c:s srt " + quoted(in)), 0);
    expect_failure(in, "no video or audio stream");
}

TEST_F(Mp4BadInput, MissingFileFails) { expect_failure(file("nowhere.mov"), "No such file or directory"); }

TEST_F(Mp4BadInput, UndecodableVideoFails) {
    // A valid container whose video samples are all zeros: nothing decodes.
    MediaSpec spec;
    spec.audio_codec = "";
    spec.video_codec = "mjpeg";
    spec.pix_fmt = "yuvj420p";
    spec.extra_args = {"-movflags", "+faststart"};
    const auto in = make("zeroed.mov", spec);
    {
        std::fstream f(in, std::ios::in | std::ios::out | std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        const auto mdat = data.find("mdat");
        ASSERT_NE(mdat, std::string::npos);
        f.seekp(static_cast<std::streamoff>(mdat + 4));
        const std::string zeros(data.size() - mdat - 4, '\0');
        f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
    }
    expect_failure(in, "no decodable video frames (file damaged or not self-contained?)");
}

TEST_F(Mp4BadInput, DamagedPacketsMidStreamAreSkippedAndCounted) {
    // MJPEG frames are independent, so wrecking a few in the middle leaves the rest.
    MediaSpec spec;
    spec.audio_codec = "";
    spec.video_codec = "mjpeg";
    spec.pix_fmt = "yuvj420p";
    spec.extra_args = {"-movflags", "+faststart"};
    const auto in = make("damaged.mov", spec);
    {
        std::fstream f(in, std::ios::in | std::ios::out | std::ios::binary);
        std::string data((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        // Zero frames 10..12 entirely (from their start-of-image marker to the next one).
        std::size_t pos = data.find("mdat");
        ASSERT_NE(pos, std::string::npos);
        std::vector<std::size_t> starts;
        while ((pos = data.find("\xff\xd8\xff", pos + 1)) != std::string::npos) starts.push_back(pos);
        const int frame = static_cast<int>(starts.size());
        for (std::size_t i = 10; i <= 12 && i + 1 < starts.size(); ++i) {
            const std::string zeros(starts[i + 1] - starts[i], '\0');
            f.seekp(static_cast<std::streamoff>(starts[i]));
            f.write(zeros.data(), static_cast<std::streamsize>(zeros.size()));
        }
        ASSERT_GT(frame, 20);
    }
    ASSERT_EQ(convert(in, file("out.mp4")), SB_STATUS_OK) << host_.error();
    bool counted = false;
    for (const auto &w : host_.warnings()) counted = counted || w.find("undecodable packets") != std::string::npos;
    EXPECT_TRUE(counted) << "no 'skipped N undecodable packets' warning";
    const MediaInfo info = probe_media(file("out.mp4"));
    ASSERT_TRUE(info.ok);
    EXPECT_GE(info.first("video")->frames, 25);
}

TEST_F(Mp4BadInput, ProbeOfEmptyFileFailsWithReason) {
    const auto in = file("empty.mov");
    std::ofstream{in};
    double duration = 0;
    EXPECT_EQ(host_.probe(*mp4_, in, &duration), SB_STATUS_FAILED);
    EXPECT_EQ(host_.error(), "empty file (0 bytes)");
}

} // namespace
} // namespace sb::test
