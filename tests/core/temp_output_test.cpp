// TempOutput: a hidden temporary file beside the final path, removed unless
// committed; commit never clobbers an existing file unless asked; stale
// temporary files of dead processes are cleaned, those of live ones kept.
#include "core_test_util.hpp"

#include <sb/core/temp_output.hpp>

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

namespace {

namespace fs = std::filesystem;
using sb::core::TempOutput;
using sb::test::read_file;
using sb::test::temp_outputs_below;
using sb::test::write_file;

// The pid of a process that has exited and been reaped.
pid_t dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

TEST(TempOutput, IsAHiddenFileBesideTheFinalPath) {
    sb::test::TempDir tmp;
    const auto final_path = tmp.path() / "clip.mp4";
    TempOutput temp(final_path);
    EXPECT_TRUE(fs::is_regular_file(temp.path()));
    EXPECT_EQ(temp.path().parent_path(), tmp.path());
    EXPECT_EQ(temp.path().extension(), ".mp4");
    EXPECT_EQ(temp.path().filename().string().front(), '.');
    EXPECT_TRUE(sb::core::is_temp_output_name(temp.path().filename().string()));
    EXPECT_FALSE(sb::core::is_temp_output_name("clip.mp4"));
    EXPECT_FALSE(sb::core::is_temp_output_name(".clip.mp4"));
    EXPECT_EQ(temp.final_path(), final_path);
    EXPECT_FALSE(fs::exists(final_path));
}

TEST(TempOutput, RemovedOnDestructionWithoutCommit) {
    sb::test::TempDir tmp;
    fs::path temp_path;
    {
        TempOutput temp(tmp.path() / "clip.mp4");
        temp_path = temp.path();
        write_file(temp_path, "half a file");
    }
    EXPECT_FALSE(fs::exists(temp_path));
    EXPECT_FALSE(fs::exists(tmp.path() / "clip.mp4"));
    EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(TempOutput, RemovedWhenAnExceptionUnwinds) {
    sb::test::TempDir tmp;
    try {
        TempOutput temp(tmp.path() / "clip.mp4");
        write_file(temp.path(), "half a file");
        throw std::runtime_error("converter failed");
    } catch (const std::runtime_error &) {
    }
    EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(TempOutput, CommitMovesTheFileIntoPlace) {
    sb::test::TempDir tmp;
    const auto final_path = tmp.path() / "clip.mp4";
    {
        TempOutput temp(final_path);
        write_file(temp.path(), "complete");
        temp.commit(false);
        EXPECT_FALSE(fs::exists(temp.path()));
    }
    EXPECT_EQ(read_file(final_path), "complete");
    EXPECT_TRUE(temp_outputs_below(tmp.path()).empty());
}

TEST(TempOutput, CommitWithoutReplaceNeverClobbersAnExistingFile) {
    sb::test::TempDir tmp;
    const auto final_path = tmp.path() / "clip.mp4";
    {
        TempOutput temp(final_path);
        write_file(temp.path(), "new");
        write_file(final_path, "appeared meanwhile"); // e.g. another program wrote it
        EXPECT_THROW(temp.commit(false), std::runtime_error);
    }
    EXPECT_EQ(read_file(final_path), "appeared meanwhile");
    EXPECT_TRUE(temp_outputs_below(tmp.path()).empty()) << "the failed commit's temporary file is removed";
}

TEST(TempOutput, CommitWithReplaceReplacesAnExistingFile) {
    sb::test::TempDir tmp;
    const auto final_path = tmp.path() / "clip.mp4";
    write_file(final_path, "old");
    {
        TempOutput temp(final_path);
        write_file(temp.path(), "new");
        EXPECT_EQ(read_file(final_path), "old") << "the old file stays intact until the commit";
        temp.commit(true);
    }
    EXPECT_EQ(read_file(final_path), "new");
}

TEST(TempOutput, CreatesMissingDestinationFolders) {
    sb::test::TempDir tmp;
    const auto final_path = tmp.path() / "a" / "b" / "clip.mp4";
    TempOutput temp(final_path);
    EXPECT_TRUE(fs::is_directory(tmp.path() / "a" / "b"));
    EXPECT_EQ(temp.path().parent_path(), final_path.parent_path());
}

TEST(TempOutput, FailsWithTheOsReasonWhenTheFolderCannotBeMade) {
    sb::test::TempDir tmp;
    write_file(tmp.path() / "file", "not a folder");
    try {
        TempOutput temp(tmp.path() / "file" / "clip.mp4");
        FAIL() << "no exception";
    } catch (const std::runtime_error &e) {
        EXPECT_NE(std::string(e.what()).find((tmp.path() / "file").string()), std::string::npos) << e.what();
    }
}

TEST(TempOutput, StaleFilesOfDeadProcessesAreRemovedAndLiveOnesKept) {
    sb::test::TempDir tmp;
    const auto final_path = tmp.path() / "clip.mp4";
    const auto dead = tmp.path() / (".clip.sb-partial-" + std::to_string(dead_pid()) + "-0badf00d.mp4");
    const auto live = tmp.path() / (".clip.sb-partial-" + std::to_string(::getpid()) + "-cafecafe.mp4");
    const auto parent = tmp.path() / (".clip.sb-partial-" + std::to_string(::getppid()) + "-feedfeed.mp4");
    const auto other_output = tmp.path() / (".other.sb-partial-" + std::to_string(dead_pid()) + "-0badf00d.mp4");
    const auto other_extension = tmp.path() / (".clip.sb-partial-" + std::to_string(dead_pid()) + "-0badf00d.mkv");
    for (const auto &p : {dead, live, parent, other_output, other_extension}) write_file(p, "leftover");

    const auto removed = sb::core::remove_stale_temp_outputs(final_path);
    EXPECT_EQ(removed, std::vector<fs::path>{dead});
    EXPECT_FALSE(fs::exists(dead));
    EXPECT_TRUE(fs::exists(live)) << "a running sb's file must be left alone";
    EXPECT_TRUE(fs::exists(parent));
    EXPECT_TRUE(fs::exists(other_output)) << "belongs to another output";
    EXPECT_TRUE(fs::exists(other_extension)) << "belongs to another output";
}

TEST(TempOutput, WorksForTheLongestFileName) {
    // The final name may use all NAME_MAX bytes; the temporary name must still fit.
    sb::test::TempDir tmp;
    const auto final_path = tmp.path() / (std::string(251, 'x') + ".mp4");
    ASSERT_EQ(final_path.filename().string().size(), 255u);
    {
        TempOutput temp(final_path);
        EXPECT_LE(temp.path().filename().string().size(), 255u);
        EXPECT_TRUE(sb::core::is_temp_output_name(temp.path().filename().string()));
        write_file(temp.path(), "complete");
        temp.commit(false);
    }
    EXPECT_EQ(read_file(final_path), "complete");
}

TEST(TempOutput, StaleFilesOfLongNamesAreFoundToo) {
    sb::test::TempDir tmp;
    // Long enough to be shortened, with the cut falling inside the two bytes of "é".
    const auto final_path = tmp.path() / (std::string(208, 'y') + "\xc3\xa9" + std::string(40, 'z') + ".mp4");
    fs::path stale;
    {
        // A file as a killed run would have left it: this process's name, another pid.
        TempOutput temp(final_path);
        std::string name = temp.path().filename().string();
        EXPECT_EQ(name.find('\xc3'), std::string::npos) << "shortened inside a UTF-8 sequence";
        const std::string own_pid = "-" + std::to_string(::getpid()) + "-";
        const auto at = name.rfind(own_pid);
        ASSERT_NE(at, std::string::npos) << name;
        name.replace(at, own_pid.size(), "-" + std::to_string(dead_pid()) + "-");
        stale = tmp.path() / name;
        write_file(stale, "leftover");
    }
    EXPECT_EQ(sb::core::remove_stale_temp_outputs(final_path), std::vector<fs::path>{stale});
}

TEST(TempOutput, StaleCleanupOfAMissingFolderIsHarmless) {
    EXPECT_TRUE(sb::core::remove_stale_temp_outputs("/nonexistent/sb/clip.mp4").empty());
}

} // namespace
