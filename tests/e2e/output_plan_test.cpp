// Output planning (issue 4): the whole plan is checked before any work starts.
// An output onto its own input is refused, two inputs onto one output stop the
// batch (exit 2), the same input named twice runs once, and -n touches nothing.
#include "e2e_test.hpp"

#include <sys/stat.h>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

class OutputPlan : public E2eTest {};

TEST_F(OutputPlan, OutputEqualToInputIsRefusedAndTheInputUntouched) {
    const auto in = clip("clip.mp4");
    const auto sums = checksums({in});
    const auto r = sb({"mp4", "-p", "ultrafast", "clip.mp4"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_TRUE(contains(failed[0], "clip.mp4")) << failed[0];
    EXPECT_TRUE(contains(failed[0], "would overwrite the input")) << failed[0];
    EXPECT_EQ(checksums({in}), sums);
    EXPECT_EQ(tree(dir()), std::vector<std::string>{"clip.mp4"});
}

TEST_F(OutputPlan, OutputEqualToInputIsRefusedEvenWithOverwrite) {
    const auto in = clip("clip.mp4");
    const auto sums = checksums({in});
    const auto r = sb({"mp4", "-p", "ultrafast", "--overwrite", "clip.mp4"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "would overwrite the input")) << r.err;
    EXPECT_EQ(checksums({in}), sums);
}

TEST_F(OutputPlan, OutputEqualToInputThroughAnotherSpellingIsRefused) {
    // in/../in/clip.mp4 with -o in: same file, different text.
    const auto in = clip("in/clip.mp4");
    const auto sums = checksums({in});
    const auto r = sb({"mp4", "-p", "ultrafast", "--overwrite", "-o", "./in/", "in/../in/clip.mp4"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "would overwrite the input")) << r.err;
    EXPECT_EQ(checksums({in}), sums);
}

TEST_F(OutputPlan, TwoInputsOntoOneOutputAreAUsageErrorNamingBoth) {
    clip("x.mov");
    clip("x.mkv");
    const auto sums = checksums({at("x.mov"), at("x.mkv")});
    const auto r = sb({"mp4", "-p", "ultrafast", "x.mov", "x.mkv"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    const auto clash = lines_containing(r.err, "x.mp4");
    ASSERT_FALSE(clash.empty()) << r.err;
    EXPECT_TRUE(contains(clash[0], "x.mov")) << clash[0];
    EXPECT_TRUE(contains(clash[0], "x.mkv")) << clash[0];
    EXPECT_TRUE(contains(r.err, "nothing was converted")) << r.err;
    EXPECT_EQ(tree(dir()), (std::vector<std::string>{"x.mkv", "x.mov"}));
    EXPECT_EQ(checksums({at("x.mov"), at("x.mkv")}), sums);
}

TEST_F(OutputPlan, SameNameFromTwoFoldersWithFlatIsAUsageError) {
    clip("a/x.mov");
    clip("b/x.mov");
    clip("c/other.mov");
    const auto sums = checksums({at("a/x.mov"), at("b/x.mov")});
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "-f", "a/x.mov", "b/x.mov", "c/other.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    const auto clash = lines_containing(r.err, "a/x.mov");
    ASSERT_EQ(clash.size(), 1u) << r.err;
    EXPECT_TRUE(contains(clash[0], "b/x.mov")) << clash[0];
    // Nothing converted, not even the file that does not clash; no folder made.
    EXPECT_FALSE(fs::exists(at("out"))) << ::testing::PrintToString(tree(at("out")));
    EXPECT_EQ(checksums({at("a/x.mov"), at("b/x.mov")}), sums);
}

TEST_F(OutputPlan, SameNameFromTwoFoldersKeepsTheirStructureWithRecursive) {
    clip("in/a/x.mov");
    clip("in/b/x.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-r", "-d", "in", "-o", "out"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(tree(at("out")), (std::vector<std::string>{"a/", "a/x.mp4", "b/", "b/x.mp4"}));
}

TEST_F(OutputPlan, FoldersCreatedForOutputsThatAllFailedAreRemoved) {
    auto spec = small_clip(1.0);
    spec.audio_codec = "pcm_s16le"; // --mode copy cannot put PCM into MP4: fails in the converter
    input("pcm.mov", spec);
    fs::create_directories(at("kept"));
    const auto r = sb({"mp4", "--mode", "copy", "-o", "out/day1", "pcm.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "pcm_s16le")) << r.err;
    EXPECT_FALSE(fs::exists(at("out"))) << "an empty output folder tree was left behind";
    const auto kept = sb({"mp4", "--mode", "copy", "-o", "kept", "pcm.mov"});
    EXPECT_EQ(kept.exit_code, 1) << describe(kept);
    EXPECT_TRUE(fs::is_directory(at("kept"))) << "a folder that existed before stays";
}

TEST_F(OutputPlan, FlatWithoutOutIsAUsageError) {
    clip("a.mov");
    const auto r = sb({"mp4", "-f", "a.mov"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "-f/--flat needs -o DIR")) << r.err;
    EXPECT_FALSE(fs::exists(at("a.mp4")));
}

TEST_F(OutputPlan, ClashAdviceMentionsFlatOnlyWhenItWasGiven) {
    clip("clip.mov");
    clip("clip.mkv");
    const auto r = sb({"mp4", "clip.mov", "clip.mkv"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "would both be written to clip.mp4")) << r.err;
    EXPECT_FALSE(contains(r.err, "-f")) << r.err;
    EXPECT_FALSE(fs::exists(at("clip.mp4")));
}

TEST_F(OutputPlan, SameInputNamedTwiceIsConvertedOnce) {
    const auto in = clip("x.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "x.mov", "./x.mov", at("x.mov").string(), "*.mov", "-d", "."});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "sb mp4: 1 file: 1 converted")) << r.err;
    EXPECT_EQ(result_lines(r.err, "ok").size(), 1u) << r.err;
    EXPECT_TRUE(is_conversion_of(at("out/x.mp4"), in));
}

TEST_F(OutputPlan, DryRunPrintsThePlanAndTouchesNothing) {
    clip("new.mov");
    clip("done.mov");
    clip("self.mp4");
    make_input(at("out/done.mp4"), 1.0);
    write_file(at("empty.mov"), "");
    const auto before = tree(dir());
    const auto sums = checksums({at("new.mov"), at("done.mov"), at("self.mp4"), at("out/done.mp4")});
    struct stat out_before {};
    ::stat(at("out").c_str(), &out_before);

    const auto r = sb({"mp4", "-n", "-s", "-o", "out", "new.mov", "done.mov", "empty.mov", "missing.mov"});
    EXPECT_EQ(r.exit_code, 1) << "a file that would fail makes the dry run exit 1\n" << describe(r);
    EXPECT_TRUE(contains(r.out, "convert  new.mov -> out/new.mp4")) << r.out;
    EXPECT_TRUE(contains(r.out, "skip     done.mov: output out/done.mp4 exists")) << r.out;
    EXPECT_TRUE(contains(r.out, "missing.mov: no such file or directory")) << r.out;
    EXPECT_TRUE(contains(r.out, "empty.mov: empty file (0 bytes)")) << r.out;
    // The converter's own decisions show under the file they are about
    // (--mode auto: an H.264 + AAC clip is copied as it is).
    EXPECT_TRUE(contains(r.out, "video h264 → copy, audio aac → copy")) << r.out;

    EXPECT_EQ(tree(dir()), before);
    EXPECT_EQ(checksums({at("new.mov"), at("done.mov"), at("self.mp4"), at("out/done.mp4")}), sums);
    struct stat out_after {};
    ::stat(at("out").c_str(), &out_after);
    EXPECT_EQ(out_after.st_mtim.tv_sec, out_before.st_mtim.tv_sec);
    EXPECT_EQ(out_after.st_mtim.tv_nsec, out_before.st_mtim.tv_nsec) << "something was created in out/ and removed";
}

TEST_F(OutputPlan, DryRunDoesNotCreateTheOutFolder) {
    clip("clip.mov");
    const auto r = sb({"mp4", "-n", "-o", "new/folder", "clip.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.out, "convert  clip.mov -> new/folder/clip.mp4")) << r.out;
    EXPECT_FALSE(fs::exists(at("new")));
}

TEST_F(OutputPlan, DryRunReportsClashesLikeARealRun) {
    clip("x.mov");
    clip("x.mkv");
    const auto r = sb({"mp4", "-n", "x.mov", "x.mkv"});
    EXPECT_EQ(r.exit_code, 2) << describe(r);
    EXPECT_TRUE(contains(r.err, "x.mov and x.mkv")) << r.err;
}

} // namespace
} // namespace sb::e2e
