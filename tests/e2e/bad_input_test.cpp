// Bad inputs (issue 4): each fails alone with one line naming the file and the
// reason, the good file next to it is converted, the batch exits 1, and no
// input changes.
#include "e2e_test.hpp"

#include <sys/stat.h>

#include <functional>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

struct BadInput {
    std::string name;   // test name suffix
    std::string file;   // as given to sb
    std::string reason; // part of the one-line reason
    std::function<void(const fs::path &dir)> make;
    bool needs_non_root = false;
};

// A faststart copy (moov first) of a clip cut in the middle of its media data:
// the index promises samples the file no longer has.
void make_cut_in_mdat(const fs::path &dir) {
    make_input(dir / "whole.mov", 2.0);
    ffmpeg({"-i", (dir / "whole.mov").string(), "-c", "copy", "-movflags", "+faststart", (dir / "fast.mov").string()});
    const std::string bytes = read_file(dir / "fast.mov");
    write_file(dir / "cut.mov", bytes.substr(0, bytes.size() / 2));
    fs::remove(dir / "whole.mov");
    fs::remove(dir / "fast.mov");
}

const std::vector<BadInput> kBadInputs = {
    {"MissingPath", "missing.mov", "no such file or directory", [](const fs::path &) {}},
    {"FolderWithoutRecursive", "folder", "is a folder (use -r",
     [](const fs::path &d) { make_input(d / "folder" / "inside.mov", 1.0); }},
    {"UnreadableFile", "locked.mov", "Permission denied",
     [](const fs::path &d) {
         make_input(d / "locked.mov", 1.0);
         ::chmod((d / "locked.mov").c_str(), 0);
     },
     true},
    {"ZeroByteFile", "empty.mov", "empty file (0 bytes)", [](const fs::path &d) { write_file(d / "empty.mov", ""); }},
    {"TextRenamedMov", "notes.mov", "not a media file",
     [](const fs::path &d) { write_file(d / "notes.mov", "Shopping list:\n- milk\n- tape\n"); }},
    // FFmpeg picks the AAC demuxer by the name and only says "End of file".
    {"TextRenamedAac", "notes.aac", "not a media file FFmpeg can read: its content matches no known format",
     [](const fs::path &d) { write_file(d / "notes.aac", "Shopping list:\n- milk\n- tape\n"); }},
    {"TruncatedMoovMissing", "cut.mov", "moov atom not found",
     [](const fs::path &d) {
         make_input(d / "whole.mov", 2.0);
         const std::string bytes = read_file(d / "whole.mov"); // moov is at the end: cut it off
         write_file(d / "cut.mov", bytes.substr(0, bytes.size() / 2));
         fs::remove(d / "whole.mov");
     }},
    {"NoAudioAndNoVideoStream", "subs_only.mkv", "no video or audio stream",
     [](const fs::path &d) {
         write_file(d / "subs.srt", "1\n00:00:00,100 --> 00:00:00,900\nHello\n\n");
         ffmpeg({"-i", (d / "subs.srt").string(), (d / "subs_only.mkv").string()});
         fs::remove(d / "subs.srt");
     }},
    {"UnsupportedExtensionGivenExplicitly", "readme.txt", "not a media file",
     [](const fs::path &d) { write_file(d / "readme.txt", "This folder holds the holiday clips.\n"); }},
};

class BadInputs : public E2eTest, public ::testing::WithParamInterface<BadInput> {};

TEST_P(BadInputs, FailAloneWithOneLineNamingTheFile) {
    const auto &bad = GetParam();
    const auto good = clip("good.mov");
    bad.make(dir());
    std::vector<fs::path> inputs = {good};
    if (fs::is_regular_file(at(bad.file))) inputs.push_back(at(bad.file));
    const auto sums = checksums(inputs);

    const auto r = sb_where_permissions_apply({"mp4", "-p", "ultrafast", "-o", "out", bad.file, "good.mov"});
    if (bad.needs_non_root) ::chmod(at(bad.file).c_str(), 0644);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_EQ(failed[0].rfind("FAILED     " + bad.file + ": ", 0), 0u) << failed[0];
    EXPECT_TRUE(contains(failed[0], bad.reason)) << failed[0];
    EXPECT_TRUE(is_conversion_of(at("out/good.mp4"), good));
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"good.mp4"});
    EXPECT_EQ(checksums(inputs), sums);
}

INSTANTIATE_TEST_SUITE_P(Kinds, BadInputs, ::testing::ValuesIn(kBadInputs), [](const auto &param_info) { return param_info.param.name; });

class DamagedContainer : public E2eTest {};

// A faststart file cut mid-mdat opens (its moov is intact) and the demuxer just
// stops at the cut: the converter must notice that the index points past the
// end of the file and fail it rather than keep the first half silently.
TEST_F(DamagedContainer, TruncatedInTheMiddleOfTheMediaDataFails) {
    const auto good = clip("good.mov");
    make_cut_in_mdat(dir());
    const auto sums = checksums({good, at("cut.mov")});
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "cut.mov", "good.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_EQ(failed[0].rfind("FAILED     cut.mov: ", 0), 0u) << failed[0];
    EXPECT_TRUE(contains(failed[0], "truncated")) << failed[0];
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"good.mp4"});
    EXPECT_EQ(checksums({good, at("cut.mov")}), sums);
}

// A PNG renamed .mov opens as a one-frame image stream; it must fail rather than
// become a 0.04 s "video".
TEST_F(DamagedContainer, ImageRenamedMovFails) {
    const auto good = clip("good.mov");
    ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", "-f", "image2", "-c:v", "png", at("photo.mov").string()});
    const auto sums = checksums({good, at("photo.mov")});
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "photo.mov", "good.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_EQ(failed[0].rfind("FAILED     photo.mov: ", 0), 0u) << failed[0];
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"good.mp4"});
    EXPECT_EQ(checksums({good, at("photo.mov")}), sums);
}

class DamagedInput : public E2eTest {};

TEST_F(DamagedInput, LocalCorruptionFinishesWithAWarning) {
    // A few KB of garbage in the middle of the media data: what decodes is kept
    // and the damage is reported, the file is not failed.
    make_input(at("clip.mov"), 2.0);
    std::string bytes = read_file(at("clip.mov"));
    for (std::size_t i = bytes.size() / 3; i < bytes.size() / 3 + 3000; ++i) bytes[i] = static_cast<char>((i * 7919) & 0xff);
    write_file(at("damaged.mov"), bytes);
    fs::remove(at("clip.mov"));
    const auto sums = checksums({at("damaged.mov")});
    // Decoding is what notices the damage, so every stream is re-encoded.
    const auto r = sb({"mp4", "--mode", "transcode", "-p", "ultrafast", "-o", "out", "damaged.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_valid_media(at("out/damaged.mp4")));
    EXPECT_NEAR(duration_of(at("out/damaged.mp4")), 2.0, 0.1);
    EXPECT_EQ(lines_containing(r.err, "warning:").size(), 1u) << r.err;
    EXPECT_TRUE(contains(r.err, "undecodable")) << r.err;
    EXPECT_EQ(checksums({at("damaged.mov")}), sums);
}

} // namespace
} // namespace sb::e2e
