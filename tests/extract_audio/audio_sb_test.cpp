// `sb audio` as a user runs it: the real sb binary (which loads extract_audio
// from its build-tree plugin folder) as a child process, outputs probed.
#include "audio_test_util.hpp"

#include "file_checks.hpp"
#include "run_output.hpp"
#include "subprocess.hpp"

#include <fstream>

namespace sb::test {
namespace {

namespace fs = std::filesystem;
using e2e::Completed;
using e2e::contains;
using e2e::describe;

class AudioSb : public ::testing::Test {
protected:
    const fs::path &dir() const { return tmp_.path(); }
    fs::path make(const std::string &name, const MediaSpec &spec) {
        try {
            make_input(dir() / name, spec);
        } catch (const std::exception &e) {
            ADD_FAILURE() << e.what();
        }
        return dir() / name;
    }
    // sb with the plugins of the build tree only, in dir().
    Completed sb(std::vector<std::string> args) const {
        e2e::Command c;
        c.argv.push_back(SB_AUDIO_TEST_SB_PATH);
        c.argv.insert(c.argv.end(), args.begin(), args.end());
        c.cwd = dir();
        c.env["SB_PLUGIN_PATH"] = std::nullopt;
        c.env["CI"] = std::nullopt;
        return e2e::run(c, e2e::milliseconds(60'000));
    }

private:
    TempDir tmp_;
};

TEST_F(AudioSb, BatchWithOneBadFileExitsOneAndKeepsTheGoodOutputs) {
    make("a.mov", small_clip());
    make("b.mkv", small_clip());
    std::ofstream(dir() / "bad.mov") << "not a video\n";
    const Completed r = sb({"audio", "--format", "mp3", "-w", "2", "--no-progress", "-o", "out", "a.mov", "b.mkv", "bad.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);

    for (const std::string name : {"a.mp3", "b.mp3"}) {
        const MediaInfo info = probe_media(dir() / "out" / name);
        ASSERT_TRUE(info.ok) << name << ": " << info.error;
        ASSERT_EQ(info.streams.size(), 1u) << name;
        EXPECT_EQ(info.streams[0].codec_name, "mp3") << name;
        EXPECT_NEAR(info.duration, 0.5, 0.08) << name;
    }
    EXPECT_FALSE(fs::exists(dir() / "out" / "bad.mp3"));
    EXPECT_TRUE(contains(r.err, "FAILED     bad.mov: not a media file FFmpeg can read")) << describe(r);
    EXPECT_TRUE(contains(r.err, "2 converted, 0 skipped, 1 failed")) << describe(r);
    EXPECT_EQ(e2e::stray_files(dir() / "out"), std::vector<std::string>{}) << "no temporary files left";
    EXPECT_EQ(e2e::file_names(dir() / "out"), (std::vector<std::string>{"a.mp3", "b.mp3"}));
}

struct FormatCase {
    std::string format, codec;
};
std::ostream &operator<<(std::ostream &os, const FormatCase &c) { return os << c.format; }

class AudioSbFormat : public AudioSb, public ::testing::WithParamInterface<FormatCase> {};

TEST_P(AudioSbFormat, FormatNamesTheOutputAndSkipAcceptsIt) {
    const FormatCase &c = GetParam();
    make("clip.mov", small_clip());
    const Completed r = sb({"audio", "--format", c.format, "--no-progress", "-o", "out", "clip.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const fs::path out = dir() / "out" / ("clip." + c.format);
    const MediaInfo info = probe_media(out);
    ASSERT_TRUE(info.ok) << out << ": " << info.error << "\n" << describe(r);
    ASSERT_EQ(info.streams.size(), 1u);
    EXPECT_EQ(info.streams[0].codec_name, c.codec);

    // With -s the host probes the existing output with the plugin: it must accept what it wrote.
    const Completed again = sb({"audio", "--format", c.format, "-s", "--no-progress", "-o", "out", "clip.mov"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_TRUE(contains(again.err, "0 converted, 1 skipped")) << describe(again);
}

INSTANTIATE_TEST_SUITE_P(EachFormat, AudioSbFormat,
                         ::testing::Values(FormatCase{"m4a", "aac"}, FormatCase{"mp3", "mp3"}, FormatCase{"opus", "opus"},
                                           FormatCase{"flac", "flac"}, FormatCase{"wav", "pcm_s16le"}),
                         [](const auto &param_info) { return param_info.param.format; });

TEST_F(AudioSb, SkipReconvertsAnM4aCutShort) {
    MediaSpec spec = small_clip();
    spec.duration = 2.0;
    make("clip.mov", spec);
    const Completed first = sb({"audio", "--no-progress", "-o", "out", "clip.mov"});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    const fs::path out = dir() / "out" / "clip.m4a";
    const auto whole = fs::file_size(out);
    fs::resize_file(out, whole / 2); // index at the front (faststart) intact, half the audio gone
    const Completed again = sb({"audio", "-s", "--no-progress", "-o", "out", "clip.mov"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_TRUE(contains(again.err, "1 converted, 0 skipped")) << describe(again);
    EXPECT_EQ(fs::file_size(out), whole);
    EXPECT_NEAR(probe_media(out).duration, 2.0, 0.1);
}

TEST_F(AudioSb, BadOptionValueIsAUsageErrorNamingTheChoices) {
    make("clip.mov", small_clip());
    const Completed r = sb({"audio", "--format", "ogg", "clip.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "--format")) << describe(r);
    EXPECT_TRUE(contains(r.err, "m4a")) << describe(r);
    EXPECT_EQ(e2e::file_names(dir()), std::vector<std::string>{"clip.mov"}) << "nothing written";
}

} // namespace
} // namespace sb::test
