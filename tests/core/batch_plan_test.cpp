// plan_batch: where each output goes (next to the input, -o DIR, structure kept
// with -d/-r, flattened with -f), inputs that would be overwritten, clashing
// outputs, and the existing-output policy. Nothing here writes a file.
#include "core_test_util.hpp"

#include <sb/core/batch_plan.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

namespace fs = std::filesystem;
using namespace sb::core;
using sb::test::write_file;

class Planner : public ::testing::Test {
protected:
    fs::path file(const std::string &relative, const std::string &content = "data") {
        const auto p = tmp_.path() / relative;
        write_file(p, content);
        return p;
    }
    const fs::path &dir() const { return tmp_.path(); }

    static BatchPlan plan(const std::vector<fs::path> &files, const std::vector<fs::path> &dirs = {},
                          std::optional<fs::path> out_dir = std::nullopt, bool flat = false, bool recursive = false,
                          ExistingOutputPolicy existing = ExistingOutputPolicy::fail) {
        CollectOptions collect;
        for (const auto &f : files) collect.arguments.push_back(f.string());
        collect.dirs = dirs;
        collect.recursive = recursive;
        collect.extensions = {".mov", ".mkv", ".mp4"};
        PlanOptions options;
        options.out_dir = std::move(out_dir);
        options.flat = flat;
        options.existing = existing;
        options.output_extension = ".mp4";
        return plan_batch(collect_inputs(collect), options);
    }

private:
    sb::test::TempDir tmp_;
};

TEST_F(Planner, OutputGoesNextToTheInputByDefault) {
    const auto p = plan({file("clips/a.mov")});
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_TRUE(p.usage_errors.empty());
    EXPECT_EQ(p.jobs[0].action, PlannedAction::convert);
    EXPECT_EQ(p.jobs[0].output, dir() / "clips" / "a.mp4");
}

TEST_F(Planner, NamedFilesGoDirectlyIntoOutDir) {
    const auto p = plan({file("x/a.mov"), file("y/b.mkv")}, {}, dir() / "out");
    ASSERT_EQ(p.jobs.size(), 2u);
    EXPECT_EQ(p.jobs[0].output, dir() / "out" / "a.mp4");
    EXPECT_EQ(p.jobs[1].output, dir() / "out" / "b.mp4");
}

TEST_F(Planner, OutDirKeepsTheStructureBelowTheInputRoot) {
    file("in/top.mov");
    file("in/a/b/x.mov");
    const auto p = plan({}, {dir() / "in"}, dir() / "out", false, true);
    ASSERT_EQ(p.jobs.size(), 2u);
    EXPECT_EQ(p.jobs[0].output, dir() / "out" / "a" / "b" / "x.mp4");
    EXPECT_EQ(p.jobs[1].output, dir() / "out" / "top.mp4");
}

TEST_F(Planner, FlatPutsEveryOutputDirectlyInOutDir) {
    file("in/top.mov");
    file("in/a/b/x.mov");
    const auto p = plan({}, {dir() / "in"}, dir() / "out", true, true);
    ASSERT_EQ(p.jobs.size(), 2u);
    EXPECT_EQ(p.jobs[0].output, dir() / "out" / "x.mp4");
    EXPECT_EQ(p.jobs[1].output, dir() / "out" / "top.mp4");
}

TEST_F(Planner, RecursiveWithoutOutDirWritesNextToEachInput) {
    file("in/a/x.mov");
    const auto p = plan({}, {dir() / "in"}, std::nullopt, false, true);
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].output, dir() / "in" / "a" / "x.mp4");
}

TEST_F(Planner, RefusesOutputEqualToInput) {
    const auto input = file("clip.mp4", "the user's only copy");
    const auto p = plan({input});
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::fail);
    EXPECT_NE(p.jobs[0].reason.find("overwrite the input"), std::string::npos) << p.jobs[0].reason;
    EXPECT_TRUE(p.usage_errors.empty()) << "refused alone, not a clash";
}

TEST_F(Planner, RefusesOutputThatIsTheInputThroughASymlinkedOutDir) {
    const auto input = file("media/clip.mp4");
    fs::create_directory_symlink(dir() / "media", dir() / "alias");
    const auto p = plan({input}, {}, dir() / "alias");
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::fail);
    EXPECT_NE(p.jobs[0].reason.find("overwrite the input"), std::string::npos) << p.jobs[0].reason;
}

TEST_F(Planner, RefusesOutputOnAnotherInputEvenWithOverwrite) {
    const auto mov = file("x.mov");
    const auto mp4 = file("x.mp4", "also an input");
    const auto p = plan({mov, mp4}, {}, std::nullopt, false, false, ExistingOutputPolicy::overwrite);
    ASSERT_EQ(p.jobs.size(), 2u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::fail);
    EXPECT_NE(p.jobs[0].reason.find("another input"), std::string::npos) << p.jobs[0].reason;
    EXPECT_EQ(p.jobs[1].action, PlannedAction::fail) << "x.mp4 would be its own output";
}

TEST_F(Planner, RefusesOutputOnAnotherInputReachedThroughASymlink) {
    // x.mp4 is named through a symlinked folder; x.mov's output is the same file.
    const auto mov = file("media/x.mov");
    file("media/x.mp4", "also an input");
    fs::create_directory_symlink(dir() / "media", dir() / "alias");
    const auto p = plan({mov, dir() / "alias" / "x.mp4"}, {}, std::nullopt, false, false, ExistingOutputPolicy::overwrite);
    ASSERT_EQ(p.jobs.size(), 2u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::fail) << "would replace another input of the batch";
    EXPECT_FALSE(p.jobs[0].replace_existing);
}

TEST_F(Planner, TwoInputsForOneOutputIsAUsageErrorNamingBoth) {
    const auto a = file("a/x.mov");
    const auto b = file("b/x.mov");
    const auto p = plan({a, b}, {}, dir() / "out", true);
    ASSERT_EQ(p.usage_errors.size(), 1u);
    EXPECT_NE(p.usage_errors[0].find(a.string()), std::string::npos) << p.usage_errors[0];
    EXPECT_NE(p.usage_errors[0].find(b.string()), std::string::npos) << p.usage_errors[0];
    EXPECT_NE(p.usage_errors[0].find("x.mp4"), std::string::npos) << p.usage_errors[0];
}

TEST_F(Planner, SameStemWithDifferentExtensionsInOneFolderClash) {
    file("x.mov");
    file("x.mkv");
    const auto p = plan({}, {dir()});
    ASSERT_EQ(p.usage_errors.size(), 1u);
    EXPECT_NE(p.usage_errors[0].find("x.mov"), std::string::npos) << p.usage_errors[0];
    EXPECT_NE(p.usage_errors[0].find("x.mkv"), std::string::npos) << p.usage_errors[0];
}

TEST_F(Planner, OutputsThatAreOneFileThroughASymlinkClash) {
    const auto mov = file("media/x.mov");
    const auto mkv = file("media/x.mkv");
    fs::create_directory_symlink(dir() / "media", dir() / "alias");
    const auto p = plan({mov, dir() / "alias" / "x.mkv"});
    EXPECT_EQ(p.usage_errors.size(), 1u) << "media/x.mp4 and alias/x.mp4 are one file";
}

TEST_F(Planner, DuplicateInputIsPlannedOnce) {
    const auto a = file("x.mov");
    const auto p = plan({a, dir() / "*.mov"}, {dir()});
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_TRUE(p.usage_errors.empty());
}

TEST_F(Planner, ExistingOutputFailsByDefault) {
    const auto a = file("a.mov");
    file("a.mp4", "existing");
    const auto p = plan({a});
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::fail);
    EXPECT_NE(p.jobs[0].reason.find("exists (use -s to skip or --overwrite to replace)"), std::string::npos) << p.jobs[0].reason;
}

TEST_F(Planner, ExistingOutputIsSkippedWithSkip) {
    const auto a = file("a.mov");
    file("a.mp4", "existing");
    const auto p = plan({a}, {}, std::nullopt, false, false, ExistingOutputPolicy::skip);
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::skip);
    EXPECT_TRUE(p.jobs[0].verify_existing) << "-s keeps an output only if it plays";
}

TEST_F(Planner, ExistingOutputIsReplacedWithOverwrite) {
    const auto a = file("a.mov");
    file("a.mp4", "existing");
    const auto p = plan({a}, {}, std::nullopt, false, false, ExistingOutputPolicy::overwrite);
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::convert);
    EXPECT_TRUE(p.jobs[0].replace_existing);
}

TEST_F(Planner, MissingOutputIsNotReplaced) {
    const auto p = plan({file("a.mov")}, {}, std::nullopt, false, false, ExistingOutputPolicy::overwrite);
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::convert);
    EXPECT_FALSE(p.jobs[0].replace_existing);
}

TEST_F(Planner, OutputThatIsAFolderIsRefused) {
    const auto a = file("a.mov");
    fs::create_directory(dir() / "a.mp4");
    const auto p = plan({a}, {}, std::nullopt, false, false, ExistingOutputPolicy::overwrite);
    ASSERT_EQ(p.jobs.size(), 1u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::fail);
}

TEST_F(Planner, InputProblemsFailAloneInInputOrder) {
    const auto ok = file("ok.mov");
    const auto p = plan({dir() / "missing.mov", ok});
    ASSERT_EQ(p.jobs.size(), 2u);
    EXPECT_EQ(p.jobs[0].action, PlannedAction::fail);
    EXPECT_FALSE(p.jobs[0].reason.empty());
    EXPECT_EQ(p.jobs[1].action, PlannedAction::convert);
    EXPECT_TRUE(p.usage_errors.empty());
}

} // namespace
