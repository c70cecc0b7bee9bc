// Existing outputs (issue 4): never replaced by default, -s skips only what
// plays, --overwrite replaces atomically, leftovers of a killed run do not
// count as done and are cleaned up. Every test checks the inputs' checksums.
#include "e2e_test.hpp"

#include <csignal>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

class ExistingOutput : public E2eTest {
protected:
    // clip.mov (2 s) and, at out/clip.mp4, a different, valid 1 s MP4: the user's own file.
    void make_inputs() {
        clip("clip.mov", 2.0);
        make_input(at("out/clip.mp4"), 1.0);
        sums_ = checksums({at("clip.mov")});
        old_output_ = sha256_of(at("out/clip.mp4"));
    }
    void expect_input_untouched() const { EXPECT_EQ(checksums({at("clip.mov")}), sums_); }
    std::map<std::string, std::string> sums_;
    std::string old_output_;
};

TEST_F(ExistingOutput, IsNotReplacedByDefault) {
    make_inputs();
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "clip.mov"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_TRUE(contains(failed[0], "clip.mov")) << failed[0];
    EXPECT_TRUE(contains(failed[0], "exists (use -s to skip or --overwrite to replace)")) << failed[0];
    EXPECT_EQ(sha256_of(at("out/clip.mp4")), old_output_);
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"clip.mp4"});
    expect_input_untouched();
}

TEST_F(ExistingOutput, SkipCountsItAsSkippedAndExitsZero) {
    make_inputs();
    const auto r = sb({"mp4", "-p", "ultrafast", "-s", "-o", "out", "clip.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(result_lines(r.err, "skipped").size(), 1u) << r.err;
    EXPECT_TRUE(contains(r.err, "1 file: 0 converted, 1 skipped, 0 failed")) << r.err;
    EXPECT_EQ(sha256_of(at("out/clip.mp4")), old_output_);
    expect_input_untouched();
}

TEST_F(ExistingOutput, OverwriteReplacesIt) {
    make_inputs();
    const auto r = sb({"mp4", "-p", "ultrafast", "--overwrite", "-o", "out", "clip.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_NE(sha256_of(at("out/clip.mp4")), old_output_);
    EXPECT_TRUE(is_conversion_of(at("out/clip.mp4"), at("clip.mov")));
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"clip.mp4"});
    expect_input_untouched();
}

TEST_F(ExistingOutput, OverwriteKeepsTheOldFileWhenTheConversionFailsMidWrite) {
    // The new output grows past the file size limit (EFBIG) while the old one,
    // smaller than the limit, is never written to.
    clip("clip.mov", 2.0);
    auto big = small_clip(2.0);
    big.width = 640;
    big.height = 360;
    input("big.mov", big);
    make_input(at("out/big.mp4"), 0.2);
    const auto sums = checksums({at("big.mov")});
    const auto old = sha256_of(at("out/big.mp4"));
    ASSERT_LT(fs::file_size(at("out/big.mp4")), 64u * 1024);
    auto c = sb_cmd({"mp4", "-p", "ultrafast", "--overwrite", "-o", "out", "big.mov"});
    c.file_size_limit = 64 * 1024;
    const auto r = run(c);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(contains(r.err, "File too large")) << r.err;
    EXPECT_EQ(sha256_of(at("out/big.mp4")), old);
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"big.mp4"});
    EXPECT_EQ(checksums({at("big.mov")}), sums);
}

TEST_F(ExistingOutput, OverwriteKeepsTheOldFileWhenCancelled) {
    auto spec = small_clip(6.0);
    spec.width = 640;
    spec.height = 360;
    input("long.mov", spec);
    make_input(at("out/long.mp4"), 1.0);
    const auto sums = checksums({at("long.mov")});
    const auto old = sha256_of(at("out/long.mp4"));
    Process sb(sb_cmd({"mp4", "-p", "veryslow", "--overwrite", "-o", "out", "long.mov"}));
    auto writing = [&] {
        for (const auto &n : file_names(at("out")))
            if (contains(n, ".sb-partial-")) return true;
        return false;
    };
    ASSERT_TRUE(sb.wait_until(writing, milliseconds(60'000))) << sb.err_so_far();
    sb.send_signal(SIGINT);
    std::this_thread::sleep_for(milliseconds(200));
    sb.send_signal(SIGINT);
    const auto r = sb.wait();
    EXPECT_EQ(r.exit_code, 130) << describe(r);
    EXPECT_EQ(sha256_of(at("out/long.mp4")), old);
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"long.mp4"});
    EXPECT_EQ(checksums({at("long.mov")}), sums);
}

TEST_F(ExistingOutput, SkipReconvertsAnUnplayableLeftover) {
    clip("clip.mov", 2.0);
    write_file(at("out/clip.mp4"), std::string(4096, '\0')); // e.g. another tool's interrupted write
    const auto sums = checksums({at("clip.mov")});
    const auto r = sb({"mp4", "-p", "ultrafast", "-s", "-o", "out", "clip.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("out/clip.mp4"), at("clip.mov")));
    const auto warned = lines_containing(r.err, "not playable");
    ASSERT_EQ(warned.size(), 1u) << "the leftover is reported\n" << r.err;
    EXPECT_TRUE(contains(warned[0], "out/clip.mp4")) << warned[0];
    EXPECT_TRUE(contains(r.err, "1 converted, 0 skipped")) << r.err;
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"clip.mp4"});
    EXPECT_EQ(checksums({at("clip.mov")}), sums);
}

TEST_F(ExistingOutput, SkipReconvertsAnOutputCutShort) {
    // Its index (at the front: faststart) is intact, so it opens and has a
    // duration, but half its media data is gone: it does not play to the end.
    clip("clip.mov", 2.0);
    const auto first = sb({"mp4", "-p", "ultrafast", "-o", "out", "clip.mov"});
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    const std::string whole = read_file(at("out/clip.mp4"));
    write_file(at("out/clip.mp4"), whole.substr(0, whole.size() / 2));
    const auto r = sb({"mp4", "-p", "ultrafast", "-s", "-o", "out", "clip.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "1 converted, 0 skipped")) << "a cut-short output is not done\n" << r.err;
    EXPECT_EQ(lines_containing(r.err, "not playable").size(), 1u) << r.err;
    EXPECT_TRUE(is_conversion_of(at("out/clip.mp4"), at("clip.mov")));
    EXPECT_EQ(read_file(at("out/clip.mp4")).size(), whole.size());
}

TEST_F(ExistingOutput, LeftoverOfAKilledRunIsIgnoredBySkipAndCleanedUp) {
    auto spec = small_clip(6.0);
    spec.width = 640;
    spec.height = 360;
    input("long.mov", spec);
    const auto sums = checksums({at("long.mov")});
    {
        // kill -9 mid-write: sb gets no chance to clean up.
        Process killed(sb_cmd({"mp4", "-p", "veryslow", "-o", "out", "long.mov"}));
        auto writing = [&] {
            for (const auto &n : file_names(at("out")))
                if (contains(n, ".sb-partial-") && fs::file_size(at("out") / n) > 0) return true;
            return false;
        };
        ASSERT_TRUE(killed.wait_until(writing, milliseconds(60'000))) << killed.err_so_far();
        killed.send_signal(SIGKILL);
        EXPECT_EQ(killed.wait().term_signal, SIGKILL);
    }
    const auto leftover = file_names(at("out"));
    ASSERT_EQ(leftover.size(), 1u);
    ASSERT_TRUE(contains(leftover[0], ".sb-partial-")) << leftover[0];
    ASSERT_FALSE(fs::exists(at("out/long.mp4"))) << "a final path never holds a partial file";

    const auto r = sb({"mp4", "-p", "ultrafast", "-s", "-o", "out", "long.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "1 converted, 0 skipped")) << "a temporary file is not a finished output\n" << r.err;
    EXPECT_TRUE(is_conversion_of(at("out/long.mp4"), at("long.mov")));
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"long.mp4"}) << "the leftover is cleaned up";
    EXPECT_EQ(checksums({at("long.mov")}), sums);
}

TEST_F(ExistingOutput, RerunWithSkipOfAFolderConvertedInPlaceSkipsEverything) {
    // No -o: outputs land next to their inputs, and .mp4 is itself an input
    // extension, so the second scan finds them; they are results, not material.
    clip("footage/a.mov");
    clip("footage/day2/b.mkv");
    const auto sums = checksums({at("footage/a.mov"), at("footage/day2/b.mkv")});
    const std::vector<std::string> args = {"mp4", "-p", "ultrafast", "-s", "-r", "-d", "footage"};
    const auto first = sb(args);
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    const auto outputs = checksums({at("footage/a.mp4"), at("footage/day2/b.mp4")});

    const auto again = sb(args);
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_TRUE(contains(again.err, "2 files: 0 converted, 2 skipped, 0 failed")) << again.err;
    EXPECT_EQ(tree(at("footage")), (std::vector<std::string>{"a.mov", "a.mp4", "day2/", "day2/b.mkv", "day2/b.mp4"}));
    EXPECT_EQ(checksums({at("footage/a.mp4"), at("footage/day2/b.mp4")}), outputs);
    EXPECT_EQ(checksums({at("footage/a.mov"), at("footage/day2/b.mkv")}), sums);

    // Named explicitly, an earlier output is an input like any other: it cannot
    // be converted onto itself.
    const auto named = sb({"mp4", "-s", "footage/a.mp4"});
    EXPECT_EQ(named.exit_code, 1) << describe(named);
    EXPECT_TRUE(contains(named.err, "would overwrite the input")) << named.err;
}

TEST_F(ExistingOutput, RerunWithSkipIntoAFolderInsideTheInputTreeSkipsEverything) {
    // A common resume command: the output folder lives in the folder being scanned.
    clip("footage/a.mov");
    clip("footage/day2/b.mov");
    const auto sums = checksums({at("footage/a.mov"), at("footage/day2/b.mov")});
    const std::vector<std::string> args = {"mp4", "-p", "ultrafast", "-s", "-r", "-d", "footage", "-o", "footage/converted"};
    const auto first = sb(args);
    ASSERT_EQ(first.exit_code, 0) << describe(first);
    const auto outputs = checksums({at("footage/converted/a.mp4"), at("footage/converted/day2/b.mp4")});

    const auto again = sb(args);
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_TRUE(contains(again.err, "2 files: 0 converted, 2 skipped, 0 failed")) << again.err;
    EXPECT_EQ(tree(at("footage/converted")), (std::vector<std::string>{"a.mp4", "day2/", "day2/b.mp4"}))
        << "sb took its own outputs as inputs";
    EXPECT_EQ(checksums({at("footage/converted/a.mp4"), at("footage/converted/day2/b.mp4")}), outputs);
    EXPECT_EQ(checksums({at("footage/a.mov"), at("footage/day2/b.mov")}), sums);
}

} // namespace
} // namespace sb::e2e
