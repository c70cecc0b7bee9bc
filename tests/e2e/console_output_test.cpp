// What sb prints when stderr is not a terminal (issue 3): one line per finished
// file, no redraws, no control characters; --quiet; the order jobs run in.
#include "e2e_test.hpp"

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

class ConsoleOutput : public E2eTest {
protected:
    // Two good clips, one that warns (an attachment MP4 cannot hold is dropped)
    // and one that fails.
    std::vector<std::string> mixed_batch() {
        clip("a.mov");
        clip("b.mov");
        clip("plain.mkv");
        write_file(at("notes.txt"), "shot on day 2\n");
        ffmpeg({"-i", at("plain.mkv").string(), "-attach", at("notes.txt").string(), "-metadata:s:t",
                "mimetype=text/plain", "-map", "0", "-c", "copy", at("attached.mkv").string()});
        fs::remove(at("plain.mkv"));
        fs::remove(at("notes.txt"));
        write_file(at("bad.mov"), "not a video\n");
        return {"a.mov", "b.mov", "attached.mkv", "bad.mov"};
    }
};

TEST_F(ConsoleOutput, PipeGetsNoCarriageReturnsOrEscapes) {
    auto args = std::vector<std::string>{"mp4", "-p", "ultrafast", "-w", "2", "-o", "out"};
    for (auto &f : mixed_batch()) args.push_back(f);
    const auto r = sb(args);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    for (const auto *stream : {&r.out, &r.err}) {
        EXPECT_EQ(stream->find('\r'), std::string::npos) << *stream;
        EXPECT_EQ(stream->find('\x1b'), std::string::npos) << *stream;
        for (const unsigned char c : *stream)
            EXPECT_TRUE(c >= 0x20 || c == '\n' || c == '\t') << "control character " << int(c) << " in\n" << *stream;
    }
    // One line per finished file instead of a live line.
    EXPECT_EQ(result_lines(r.err, "ok").size(), 3u) << r.err;
    EXPECT_EQ(result_lines(r.err, "FAILED").size(), 1u) << r.err;
    EXPECT_TRUE(contains(r.err, "warning:")) << "the attachment is dropped with a warning\n" << r.err;
}

TEST_F(ConsoleOutput, CiVariableAlsoMeansNoLiveLine) {
    clip("a.mov");
    auto c = sb_cmd({"mp4", "-p", "ultrafast", "a.mov"});
    c.env["CI"] = "true";
    const auto r = run(c);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
}

TEST_F(ConsoleOutput, QuietPrintsOnlyErrorsAndTheSummary) {
    auto args = std::vector<std::string>{"mp4", "-p", "ultrafast", "-w", "2", "--quiet", "-o", "out"};
    for (auto &f : mixed_batch()) args.push_back(f);
    const auto r = sb(args);
    EXPECT_EQ(r.exit_code, 1) << describe(r);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(result_lines(r.err, "ok").empty()) << r.err;
    EXPECT_FALSE(contains(r.err, "warning")) << r.err;
    for (const auto &line : lines_of(r.err)) {
        const bool error_line = line.rfind("FAILED ", 0) == 0 || line == "failed files:" || line.rfind("  bad.mov: ", 0) == 0;
        const bool summary = line.rfind("sb mp4: 4 files: 3 converted, 0 skipped, 1 failed", 0) == 0;
        EXPECT_TRUE(error_line || summary) << "unexpected line with --quiet: " << line;
    }
    EXPECT_EQ(lines_of(r.err).size(), 4u) << r.err;
    // Quiet is about printing, not about work.
    EXPECT_EQ(file_names(at("out")), (std::vector<std::string>{"a.mp4", "attached.mp4", "b.mp4"}));
}

TEST_F(ConsoleOutput, VerbosePrintsPerFileDecisions) {
    clip("a.mov");
    const auto r = sb({"mp4", "-p", "ultrafast", "-v", "a.mov"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_TRUE(contains(r.err, "a.mov: ")) << r.err;
    EXPECT_GT(lines_of(r.err).size(), 2u) << "-v adds the converter's decisions\n" << r.err;
    // -p re-encodes the video (auto mode), with the settings the user gave.
    EXPECT_TRUE(contains(r.err, "→ h264 yuv420p crf 23 ultrafast, audio aac → copy")) << r.err;
}

class JobOrder : public E2eTest {
protected:
    // The short file is the larger one, so ordering by size and by duration differ.
    void make_inputs() {
        auto big = small_clip(0.5);
        big.width = 640;
        big.height = 480;
        input("short_big.mov", big);
        auto small = small_clip(2.0);
        small.width = 96;
        small.height = 64;
        input("long_small.mov", small);
        ASSERT_GT(fs::file_size(at("short_big.mov")), fs::file_size(at("long_small.mov")))
            << "the inputs no longer tell duration order from size order";
    }
    // Input names in the order their results were printed.
    static std::vector<std::string> finished_order(const std::string &err) {
        std::vector<std::string> out;
        for (const auto &line : result_lines(err, "ok")) out.push_back(line.substr(11, line.find(" -> ") - 11));
        return out;
    }
};

TEST_F(JobOrder, LongestDurationRunsFirstByDefault) {
    make_inputs();
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "1", "-o", "out", "short_big.mov", "long_small.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(finished_order(r.err), (std::vector<std::string>{"long_small.mov", "short_big.mov"})) << r.err;
}

TEST_F(JobOrder, OrderInputKeepsTheGivenOrder) {
    make_inputs();
    const auto r = sb({"mp4", "-p", "ultrafast", "-w", "1", "--order", "input", "-o", "out", "short_big.mov", "long_small.mov"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(finished_order(r.err), (std::vector<std::string>{"short_big.mov", "long_small.mov"})) << r.err;
}

} // namespace
} // namespace sb::e2e
