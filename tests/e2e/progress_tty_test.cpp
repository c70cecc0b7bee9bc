// The live progress line (issue 3), with sb's stderr on a pseudo-terminal: it
// shows files done/total, percent weighted by media duration, speed, elapsed
// and ETA; it is redrawn at most about ten times a second; result lines print
// above it intact; --no-progress and --quiet turn it off.
#include "e2e_test.hpp"
#include "terminal_screen.hpp"

#include <regex>

namespace sb::e2e {
namespace {

namespace fs = std::filesystem;

struct StatusLine {
    int done = 0, total = 0;
    double percent = 0;
    std::string text;
};

// Every redraw of the live line, in the order it was written.
std::vector<StatusLine> status_lines(const std::string &raw) {
    static const std::regex line(R"(\r\x1b\[K(\[(\d+)/(\d+)\] +(\d+\.\d)%[^\r\n\x1b]*))");
    std::vector<StatusLine> out;
    for (std::sregex_iterator it(raw.begin(), raw.end(), line), end; it != end; ++it)
        out.push_back({std::stoi((*it)[2]), std::stoi((*it)[3]), std::stod((*it)[4]), (*it)[1]});
    return out;
}

class Progress : public E2eTest {
protected:
    // long.mov (3 s) and short.mov (1 s), big enough that -p slow takes a
    // second or two in all: room for a dozen redraws.
    void make_inputs() {
        auto spec = small_clip(3.0);
        spec.width = 640;
        spec.height = 360;
        input("long.mov", spec);
        spec.duration = 1.0;
        input("short.mov", spec);
    }
    Completed run_on_terminal(std::vector<std::string> extra) {
        std::vector<std::string> args = {"mp4", "-p", "slow", "-w", "1", "-o", "out"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"long.mov", "short.mov"});
        auto c = sb_cmd(args);
        c.pty = true;
        c.env["TERM"] = "xterm";
        return run(c);
    }
};

TEST_F(Progress, TerminalShowsLiveLineWithFilesPercentSpeedAndEta) {
    make_inputs();
    const auto r = run_on_terminal({});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto lines = status_lines(r.out);
    ASSERT_GE(lines.size(), 3u) << "no live progress line on a terminal:\n" << r.out;
    static const std::regex shape(R"(^\[\d+/2\] +\d+\.\d%  (--|\d+\.\d\dx( \d+ fps)?)  elapsed \d+:\d\d  ETA (\d+:\d\d|--:--)$)");
    for (const auto &l : lines) EXPECT_TRUE(std::regex_match(l.text, shape)) << "unexpected live line: " << l.text;
    EXPECT_EQ(lines.front().done, 0);
    EXPECT_EQ(lines.back().done, 2);
    EXPECT_EQ(lines.back().percent, 100.0);
    bool speed_shown = false;
    for (const auto &l : lines) speed_shown = speed_shown || contains(l.text, "x ") || contains(l.text, "fps");
    EXPECT_TRUE(speed_shown) << r.out;
    for (std::size_t i = 1; i < lines.size(); ++i)
        EXPECT_GE(lines[i].percent, lines[i - 1].percent) << "percent went back: " << lines[i - 1].text << " -> " << lines[i].text;
    // Weighted by media duration: with the 3 s file done and the 1 s file to go
    // the batch is three quarters done, not half (file count).
    const auto first_after_long = std::find_if(lines.begin(), lines.end(), [](const auto &l) { return l.done == 1; });
    ASSERT_NE(first_after_long, lines.end()) << r.out;
    EXPECT_GE(first_after_long->percent, 74.9) << first_after_long->text;
}

TEST_F(Progress, LiveLineIsRedrawnAtMostTenTimesASecondAndResultLinesStayIntact) {
    make_inputs();
    const auto r = run_on_terminal({});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto redraws = status_lines(r.out).size();
    // One redraw per 100 ms tick, plus one after each printed line restores it.
    const double allowed = 10.0 * r.seconds + 2 + 2;
    EXPECT_LE(static_cast<double>(redraws), allowed) << redraws << " redraws in " << r.seconds << " s";
    EXPECT_GE(redraws, 3u) << r.out;

    // What the terminal shows at the end: the result lines and the summary, each
    // whole, and no leftover of the live line.
    auto screen = render_terminal(r.out);
    while (!screen.empty() && screen.back().empty()) screen.pop_back();
    ASSERT_EQ(screen.size(), 3u) << r.out;
    static const std::regex ok_line(R"(^ok +(long|short)\.mov -> out/(long|short)\.mp4 \(\d+\.\d s\)$)");
    EXPECT_TRUE(std::regex_match(screen[0], ok_line)) << screen[0];
    EXPECT_TRUE(std::regex_match(screen[1], ok_line)) << screen[1];
    EXPECT_TRUE(std::regex_match(screen[2], std::regex(R"(^sb mp4: 2 files: 2 converted, 0 skipped, 0 failed, 0 cancelled in \d+\.\d s$)")))
        << screen[2];
}

TEST_F(Progress, NoProgressTurnsTheLiveLineOff) {
    make_inputs();
    const auto r = run_on_terminal({"--no-progress"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out.find('\r'), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    EXPECT_EQ(result_lines(r.out, "ok").size(), 2u) << r.out;
}

TEST_F(Progress, QuietOnATerminalHasNoLiveLine) {
    make_inputs();
    const auto r = run_on_terminal({"--quiet"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
    EXPECT_EQ(lines_of(r.out).size(), 1u) << r.out;
}

} // namespace
} // namespace sb::e2e
