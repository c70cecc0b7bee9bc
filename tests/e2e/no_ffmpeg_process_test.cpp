// ADR-004: conversion runs in-process with the FFmpeg libraries. Under
// `strace -f -e trace=execve` the only program sb ever executes is itself.
#include "e2e_test.hpp"

#include <regex>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

class NoFfmpegProcess : public E2eTest {};

TEST_F(NoFfmpegProcess, StraceShowsNoExecOtherThanSb) {
    const auto strace = find_program("strace");
    if (!strace) GTEST_SKIP() << "strace is not installed (scripts/setup.sh installs it)";
    // ptrace may be forbidden (containers, yama): check strace works at all first.
    Command probe;
    probe.argv = {strace->string(), "-f", "-qq", "-e", "trace=execve", "-o", at("probe.trace").string(), "true"};
    if (const auto p = run(probe); p.exit_code != 0) GTEST_SKIP() << "strace cannot trace here:\n" << describe(p);

    clip("a.mov");
    clip("b.mov");
    Command c = sb_cmd({"mp4", "-p", "ultrafast", "-w", "2", "-o", "out", "a.mov", "b.mov"});
    c.argv.insert(c.argv.begin(), {strace->string(), "-f", "-qq", "-e", "trace=execve", "-o", at("sb.trace").string()});
    // LeakSanitizer cannot stop the world under a tracer; leaks are checked by every other test.
    c.env["ASAN_OPTIONS"] = "detect_leaks=0";
    const auto r = run(c);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    ASSERT_TRUE(fs::exists(at("out/a.mp4")) && fs::exists(at("out/b.mp4"))) << describe(r);

    const auto trace = read_file(at("sb.trace"));
    const std::regex exec_call(R"re(execve\("([^"]*)")re");
    std::vector<std::string> programs;
    for (std::sregex_iterator it(trace.begin(), trace.end(), exec_call), end; it != end; ++it) programs.push_back((*it)[1]);
    ASSERT_FALSE(programs.empty()) << "strace recorded no execve at all:\n" << trace;
    EXPECT_EQ(programs, std::vector<std::string>{sb_executable().string()}) << trace;
    EXPECT_FALSE(contains(trace, "ffmpeg")) << trace;
    EXPECT_FALSE(contains(trace, "ffprobe")) << trace;
}

} // namespace
} // namespace sb::e2e
