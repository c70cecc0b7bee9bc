// Which files a batch takes (issues 2 and 4): -d DIR with and without -r,
// structure kept under -o or flattened with -f, patterns sb expands itself,
// extensions, symlink loops.
#include "e2e_test.hpp"

#include <sys/stat.h>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

class Inputs : public E2eTest {
protected:
    // in/top.mov, in/a/mid.MOV, in/a/b/deep.mkv, plus files a scan must ignore.
    void make_tree() {
        clip("in/top.mov");
        clip("in/a/mid.MOV");
        input("in/a/b/deep.mkv", small_clip(1.0));
        write_file(at("in/notes.txt"), "not a video\n");
        write_file(at("in/a/cover.jpg"), "not a video either\n");
        clip("in/.hidden.mov"); // dot files are not the user's footage (editor/sync leftovers)
    }
};

TEST_F(Inputs, DirWithoutRecursiveTakesOnlyItsOwnFiles) {
    make_tree();
    const auto r = sb({"mp4", "-p", "ultrafast", "-d", "in", "-o", "out"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(tree(at("out")), std::vector<std::string>{"top.mp4"});
    EXPECT_TRUE(is_conversion_of(at("out/top.mp4"), at("in/top.mov")));
}

TEST_F(Inputs, DirRecursiveKeepsTheFolderStructureUnderOut) {
    make_tree();
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "2", "-r", "-d", "in", "-o", "out"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(tree(at("out")), (std::vector<std::string>{"a/", "a/b/", "a/b/deep.mp4", "a/mid.mp4", "top.mp4"}));
    EXPECT_TRUE(is_conversion_of(at("out/a/b/deep.mp4"), at("in/a/b/deep.mkv")));
    EXPECT_TRUE(is_conversion_of(at("out/a/mid.mp4"), at("in/a/mid.MOV")));
}

TEST_F(Inputs, FlatPutsEveryOutputDirectlyInOut) {
    make_tree();
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "2", "-r", "-f", "-d", "in", "-o", "out"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(tree(at("out")), (std::vector<std::string>{"deep.mp4", "mid.mp4", "top.mp4"}));
}

TEST_F(Inputs, RecursiveWithoutOutWritesNextToEachInput) {
    make_tree();
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "2", "-r", "-d", "in"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("in/a/b/deep.mp4"), at("in/a/b/deep.mkv")));
    EXPECT_TRUE(is_conversion_of(at("in/a/mid.mp4"), at("in/a/mid.MOV")));
    EXPECT_TRUE(is_conversion_of(at("in/top.mp4"), at("in/top.mov")));
}

TEST_F(Inputs, FolderArgumentWithRecursiveKeepsStructure) {
    make_tree();
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "2", "-r", "in", "-o", "out"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(tree(at("out")), (std::vector<std::string>{"a/", "a/b/", "a/b/deep.mp4", "a/mid.mp4", "top.mp4"}));
}

TEST_F(Inputs, QuotedPatternIsExpandedBySb) {
    // Passed as one argument, as from a shell with the pattern in quotes.
    clip("one.mov");
    clip("two.mov");
    clip("three.avi", 1.0);
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "*.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(file_names(at("out")), (std::vector<std::string>{"one.mp4", "two.mp4"}));
}

TEST_F(Inputs, PatternMatchingNothingFailsAlone) {
    clip("one.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-o", "out", "one.mov", "*.avi"});
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(fs::exists(at("out/one.mp4")));
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_TRUE(contains(failed[0], "*.avi")) << failed[0];
}

TEST_F(Inputs, ExplicitFileIsTriedWhateverItsExtension) {
    const auto in = input("camera.bin", [] {
        auto s = small_clip(1.0);
        s.format = "mov";
        return s;
    }());
    const auto r = sb({"mp4", "-p", "ultrafast", "camera.bin"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(is_conversion_of(at("camera.mp4"), in));
}

TEST_F(Inputs, SymlinkLoopsAreNotFollowedForever) {
    clip("in/a.mov");
    clip("in/sub/b.mov");
    fs::create_directory_symlink("..", at("in/sub/up"));
    fs::create_directory_symlink("../in", at("in/self"));
    const auto r = run_sb({"mp4", "-p", "ultrafast", "-r", "-d", "in", "-o", "out"}, dir(), milliseconds(60'000));
    ASSERT_FALSE(r.timed_out) << describe(r);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    // Each real file once; what the links lead to is not converted twice.
    EXPECT_TRUE(contains(r.err, "sb mp4: 2 files: 2 converted")) << r.err;
}

TEST_F(Inputs, UnreadableSubfolderIsReportedAndSkipped) {
    clip("in/a.mov");
    clip("in/locked/b.mov");
    ASSERT_EQ(::chmod(at("in/locked").c_str(), 0), 0);
    const auto r = sb_where_permissions_apply({"mp4", "-p", "ultrafast", "-r", "-d", "in", "-o", "out"});
    ::chmod(at("in/locked").c_str(), 0755); // so TempDir can remove it
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_TRUE(fs::exists(at("out/a.mp4")));
    const auto failed = result_lines(r.err, "FAILED");
    ASSERT_EQ(failed.size(), 1u) << r.err;
    EXPECT_TRUE(contains(failed[0], "locked")) << failed[0];
    EXPECT_TRUE(contains(failed[0], "Permission denied")) << failed[0];
}

} // namespace
} // namespace sb::e2e
