// collect_inputs: folder scans by extension (any case), explicit files whatever
// their extension, -r, duplicates, symlink loops, unreadable folders, and
// missing paths that fail alone. Every input lives in a private temp folder.
#include "core_test_util.hpp"

#include <sb/core/input_collector.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace sb::core;
using sb::test::write_file;

class Inputs : public ::testing::Test {
protected:
    fs::path file(const std::string &relative) {
        const auto p = tmp_.path() / relative;
        write_file(p, relative);
        return p;
    }
    const fs::path &dir() const { return tmp_.path(); }

    CollectedInputs collect(std::vector<std::string> arguments, std::vector<fs::path> dirs = {}, bool recursive = false) const {
        CollectOptions options;
        options.arguments = std::move(arguments);
        options.dirs = std::move(dirs);
        options.recursive = recursive;
        options.extensions = {".mov", ".mp4"};
        return collect_inputs(options);
    }

    // File names (relative to the temp folder) of the inputs without problems.
    std::vector<std::string> names(const CollectedInputs &inputs) const {
        std::vector<std::string> out;
        for (const auto &f : inputs.files)
            if (f.problem.empty()) out.push_back(f.path.lexically_relative(dir()).string());
        return out;
    }
    std::vector<const InputFile *> problems(const CollectedInputs &inputs) const {
        std::vector<const InputFile *> out;
        for (const auto &f : inputs.files)
            if (!f.problem.empty()) out.push_back(&f);
        return out;
    }

private:
    sb::test::TempDir tmp_;
};

// Runs `body` where folder permissions bind: in-process for a normal user; as
// root (who reads every folder) in a child that drops to `nobody` first.
// Returns the body's verdict: "" means passed, else what went wrong.
std::string where_permissions_apply(const fs::path &tmp, const std::function<std::string()> &body) {
    if (::geteuid() != 0) return body();
    ::chmod(tmp.c_str(), 0755); // let nobody reach the test folder
    int pipe_fds[2];
    if (::pipe(pipe_fds) != 0) return "pipe failed";
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipe_fds[0]);
        std::string verdict = (::setgid(65534) == 0 && ::setuid(65534) == 0) ? body() : "cannot drop privileges";
        if (verdict.empty()) verdict = "ok";
        [[maybe_unused]] const auto n = ::write(pipe_fds[1], verdict.data(), verdict.size());
        ::_exit(0);
    }
    ::close(pipe_fds[1]);
    std::string verdict;
    char buffer[512];
    for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) verdict.append(buffer, static_cast<std::size_t>(n));
    ::close(pipe_fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    return verdict == "ok" ? "" : (verdict.empty() ? "child died" : verdict);
}

TEST_F(Inputs, FolderScanMatchesExtensionsInAnyCase) {
    file("a.MOV");
    file("b.mov");
    file("c.Mp4");
    file("d.txt");
    file("e.mov.bak");
    file("noext");
    const auto inputs = collect({}, {dir()});
    EXPECT_EQ(names(inputs), (std::vector<std::string>{"a.MOV", "b.mov", "c.Mp4"}));
    for (const auto &f : inputs.files) {
        EXPECT_FALSE(f.named_explicitly);
        EXPECT_EQ(f.root, dir());
    }
}

TEST_F(Inputs, RecursiveScanDoesNotEnterTheOutputFolder) {
    file("a.mov");
    file("day2/b.mov");
    file("converted/a.mp4");
    file("converted/day2/b.mp4");
    CollectOptions options;
    options.dirs = {dir()};
    options.recursive = true;
    options.extensions = {".mov", ".mp4"};
    options.skip_folder = dir() / "converted";
    EXPECT_EQ(names(collect_inputs(options)), (std::vector<std::string>{"a.mov", "day2/b.mov"}));
    options.skip_folder.clear();
    EXPECT_EQ(names(collect_inputs(options)).size(), 4u) << "without -o every folder is scanned";
}

TEST_F(Inputs, ExplicitFileIsTriedWhateverItsExtension) {
    const auto odd = file("notes.xyz");
    const auto inputs = collect({odd.string()});
    ASSERT_EQ(inputs.files.size(), 1u);
    EXPECT_TRUE(inputs.files[0].problem.empty()) << inputs.files[0].problem;
    EXPECT_TRUE(inputs.files[0].named_explicitly);
    EXPECT_EQ(inputs.files[0].path, odd);
    EXPECT_EQ(inputs.files[0].display, odd.string());
}

TEST_F(Inputs, SubFoldersOnlyWithRecursive) {
    file("top.mov");
    file("sub/deep/nested.mov");
    EXPECT_EQ(names(collect({}, {dir()}, false)), (std::vector<std::string>{"top.mov"}));
    const auto recursive = collect({}, {dir()}, true);
    EXPECT_EQ(names(recursive), (std::vector<std::string>{"sub/deep/nested.mov", "top.mov"}));
    for (const auto &f : recursive.files) EXPECT_EQ(f.root, dir()) << "structure is kept relative to the -d folder";
}

TEST_F(Inputs, FolderArgumentIsScannedWithRecursiveAndRefusedWithout) {
    file("in/x.mov");
    const auto without = collect({(dir() / "in").string()});
    ASSERT_EQ(without.files.size(), 1u);
    EXPECT_NE(without.files[0].problem.find("is a folder"), std::string::npos) << without.files[0].problem;
    const auto with = collect({(dir() / "in").string()}, {}, true);
    EXPECT_EQ(names(with), (std::vector<std::string>{"in/x.mov"}));
    EXPECT_EQ(with.files[0].root, dir() / "in");
}

TEST_F(Inputs, SameFileFromPatternAndFolderIsCollectedOnce) {
    file("x.mov");
    file("y.mov");
    const auto inputs = collect({(dir() / "*.mov").string(), (dir() / "x.mov").string(), (dir() / "." / "y.mov").string()}, {dir()});
    EXPECT_EQ(names(inputs), (std::vector<std::string>{"x.mov", "y.mov"}));
    EXPECT_TRUE(problems(inputs).empty());
}

TEST_F(Inputs, SymlinkedFileIsTheSameInput) {
    const auto real = file("real.mov");
    fs::create_symlink(real, dir() / "alias.mov");
    EXPECT_EQ(names(collect({}, {dir()})).size(), 1u);
}

TEST_F(Inputs, SymlinkLoopIsNotFollowed) {
    file("a/x.mov");
    file("a/b/y.mov");
    fs::create_directory_symlink(dir(), dir() / "a" / "b" / "up");   // back to the top
    fs::create_directory_symlink(dir() / "a", dir() / "a" / "self"); // onto itself
    const auto inputs = collect({}, {dir()}, true);
    auto found = names(inputs);
    EXPECT_EQ(found, (std::vector<std::string>{"a/b/y.mov", "a/x.mov"}));
}

TEST_F(Inputs, HiddenFilesAndFoldersAreNotScanned) {
    file("seen.mov");
    file(".hidden.mov");
    file(".seen.sb-partial-123-abcd.mov"); // a leftover temporary output
    file(".cache/inside.mov");
    EXPECT_EQ(names(collect({}, {dir()}, true)), (std::vector<std::string>{"seen.mov"}));
}

TEST_F(Inputs, MissingPathFailsAloneInItsPlace) {
    const auto ok = file("ok.mov");
    const auto inputs = collect({(dir() / "missing.mov").string(), ok.string()}, {dir() / "no-such-folder"});
    ASSERT_EQ(inputs.files.size(), 3u);
    EXPECT_EQ(inputs.files[0].display, (dir() / "missing.mov").string());
    EXPECT_NE(inputs.files[0].problem.find("no such file"), std::string::npos) << inputs.files[0].problem;
    EXPECT_TRUE(inputs.files[1].problem.empty());
    EXPECT_EQ(inputs.files[1].path, ok);
    EXPECT_FALSE(inputs.files[2].problem.empty()) << "a missing -d folder is reported";
}

TEST_F(Inputs, PatternWithoutMatchesIsReported) {
    const auto inputs = collect({(dir() / "*.mkv").string()});
    ASSERT_EQ(inputs.files.size(), 1u);
    EXPECT_NE(inputs.files[0].problem.find("no file matches"), std::string::npos) << inputs.files[0].problem;
}

TEST_F(Inputs, UnreadableFolderIsReportedAndTheRestIsCollected) {
    file("ok.mov");
    file("locked/secret.mov");
    file("other/fine.mov");
    ::chmod((dir() / "locked").c_str(), 0);
    const std::string verdict = where_permissions_apply(dir(), [&]() -> std::string {
        const auto inputs = collect({}, {dir()}, true);
        const auto found = names(inputs);
        if (found != std::vector<std::string>{"ok.mov", "other/fine.mov"}) {
            std::string text = "collected:";
            for (const auto &f : found) text += " " + f;
            return text;
        }
        const auto bad = problems(inputs);
        if (bad.size() != 1) return "expected one problem, got " + std::to_string(bad.size());
        if (bad[0]->display.find("locked") == std::string::npos) return "problem does not name the folder: " + bad[0]->display;
        if (bad[0]->problem.find("cannot read folder") == std::string::npos) return "reason: " + bad[0]->problem;
        return "";
    });
    ::chmod((dir() / "locked").c_str(), 0755);
    EXPECT_EQ(verdict, "");
}

TEST(InputsExtension, LowerExtension) {
    EXPECT_EQ(lower_extension("clip.MOV"), ".mov");
    EXPECT_EQ(lower_extension("/a.b/clip"), "");
    EXPECT_EQ(lower_extension("x.M2TS"), ".m2ts");
}

} // namespace
