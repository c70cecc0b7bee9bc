// ConsoleReporter writing into a temporary FILE*: no control characters when
// not on a terminal, one line per finished file, --quiet, and whole lines when
// many threads report at once.
#include "core_test_util.hpp"

#include <sb/core/console_reporter.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace sb::core;
using sb::test::CapturedFile;
using sb::test::lines_of;

JobResult job(const std::string &name, JobStatus status = JobStatus::pending, const std::string &reason = "") {
    JobResult r;
    r.input = name + ".mov";
    r.output = name + ".mp4";
    r.status = status;
    r.reason = reason;
    r.media_seconds = 10;
    return r;
}

BatchSummary summary_of(std::vector<JobResult> results) {
    BatchSummary s;
    s.command = "mp4";
    s.results = std::move(results);
    s.wall_seconds = 1.5;
    return s;
}

// Drives a reporter through a small batch with every kind of result.
void report_mixed_batch(ConsoleReporter &reporter) {
    std::vector<JobResult> results{job("a"), job("b"), job("c"), job("d")};
    reporter.batch_started(results);
    for (std::size_t i = 0; i < results.size(); ++i) reporter.job_started(i);
    reporter.on_progress(0, 5.0, 120);
    reporter.on_log(1, SB_LOG_INFO, "video h264 -> copy");
    results[0].status = JobStatus::converted;
    results[1].status = JobStatus::failed;
    results[1].reason = "cannot decode";
    results[2].status = JobStatus::skipped;
    results[2].reason = "output c.mp4 exists";
    results[3].status = JobStatus::cancelled;
    results[3].reason = "not started (batch interrupted)";
    for (std::size_t i = 0; i < results.size(); ++i) reporter.job_finished(i, results[i]);
    reporter.batch_finished(summary_of(results));
}

bool has_control_characters(const std::string &text) {
    return text.find('\r') != std::string::npos || text.find('\033') != std::string::npos;
}

TEST(Reporter, NotATerminalMeansNoCarriageReturnsOrEscapes) {
    CapturedFile out;
    {
        ConsoleReporter reporter(out.get(), {});
        report_mixed_batch(reporter);
        reporter.notice("interrupted: finishing 1 running conversion");
    }
    const auto text = out.text();
    EXPECT_FALSE(has_control_characters(text)) << text;
    EXPECT_FALSE(text.empty());
}

TEST(Reporter, OnATerminalTheProgressLineIsRedrawnInPlace) {
    // The counterpart of the test above: the live line does use \r and ESC[K,
    // and file lines still start on a fresh line.
    CapturedFile out;
    {
        ConsoleReporter reporter(out.get(), {.live_progress = true});
        report_mixed_batch(reporter);
    }
    const auto text = out.text();
    EXPECT_NE(text.find("\r\033[K"), std::string::npos) << text;
    // The first file line may come before any live line was drawn; from then
    // on the live line is shown, so each file line first clears it.
    const auto first = text.find("ok         a.mov -> a.mp4");
    ASSERT_NE(first, std::string::npos) << text;
    EXPECT_TRUE(first == 0 || text[first - 1] == '\n' || (first >= 4 && text.compare(first - 4, 4, "\r\033[K") == 0)) << text;
    EXPECT_NE(text.find("\r\033[KFAILED     b.mov"), std::string::npos) << text;
    EXPECT_EQ(text.substr(text.size() - 1), "\n") << "the summary ends the output with the live line cleared";
}

TEST(Reporter, OneLinePerFinishedFile) {
    CapturedFile out;
    {
        ConsoleReporter reporter(out.get(), {});
        report_mixed_batch(reporter);
    }
    const auto lines = lines_of(out.text());
    ASSERT_EQ(lines.size(), 7u) << out.text();
    EXPECT_EQ(lines[0].rfind("ok ", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find("a.mov -> a.mp4"), std::string::npos) << lines[0];
    EXPECT_EQ(lines[1].rfind("FAILED ", 0), 0u) << lines[1];
    EXPECT_NE(lines[1].find("b.mov: cannot decode"), std::string::npos) << lines[1];
    EXPECT_EQ(lines[2].rfind("skipped ", 0), 0u) << lines[2];
    EXPECT_EQ(lines[3].rfind("cancelled ", 0), 0u) << lines[3];
    // Then only the summary: the failures again, and the totals.
    EXPECT_EQ(lines[4], "failed files:");
    EXPECT_EQ(lines[5], "  b.mov: cannot decode");
    EXPECT_NE(lines[6].find("4 files: 1 converted, 1 skipped, 1 failed, 1 cancelled"), std::string::npos) << lines[6];
}

TEST(Reporter, InfoLogsOnlyWhenVerbose) {
    CapturedFile quiet_out, verbose_out;
    {
        ConsoleReporter reporter(quiet_out.get(), {});
        report_mixed_batch(reporter);
    }
    {
        ConsoleReporter reporter(verbose_out.get(), {.verbosity = 1});
        report_mixed_batch(reporter);
    }
    EXPECT_EQ(quiet_out.text().find("video h264 -> copy"), std::string::npos);
    EXPECT_NE(verbose_out.text().find("b.mov: video h264 -> copy"), std::string::npos) << verbose_out.text();
}

TEST(Reporter, QuietPrintsOnlyErrorsAndTheSummary) {
    CapturedFile out;
    {
        ConsoleReporter reporter(out.get(), {.quiet = true});
        report_mixed_batch(reporter);
    }
    const auto text = out.text();
    EXPECT_FALSE(has_control_characters(text));
    for (const auto &line : lines_of(text)) {
        const bool error = line.find("b.mov") != std::string::npos && line.find("cannot decode") != std::string::npos;
        const bool summary = line.rfind("sb mp4: ", 0) == 0 || line == "failed files:";
        EXPECT_TRUE(error || summary) << "unexpected line in quiet mode: " << line;
    }
    EXPECT_NE(text.find("cannot decode"), std::string::npos);
    EXPECT_NE(text.find("sb mp4: 4 files"), std::string::npos);
}

TEST(Reporter, WarningsStayWithTheirFile) {
    CapturedFile out;
    ConsoleReporter reporter(out.get(), {});
    reporter.batch_started({job("a"), job("b")});
    reporter.on_log(1, SB_LOG_WARNING, "subtitles dropped");
    EXPECT_TRUE(reporter.warnings_of(0).empty());
    EXPECT_EQ(reporter.warnings_of(1), std::vector<std::string>{"subtitles dropped"});
    auto b = job("b", JobStatus::converted);
    b.warnings = reporter.warnings_of(1);
    reporter.job_finished(1, b);
    const auto lines = lines_of(out.text());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_NE(lines[0].find("b.mov"), std::string::npos);
    EXPECT_EQ(lines[1], "  warning: subtitles dropped");
}

TEST(Reporter, ConcurrentReportsKeepEveryLineWhole) {
    constexpr std::size_t kThreads = 6, kPerThread = 40;
    std::vector<JobResult> jobs;
    for (std::size_t i = 0; i < kThreads * kPerThread; ++i) jobs.push_back(job("file" + std::to_string(i)));
    CapturedFile out;
    {
        ConsoleReporter reporter(out.get(), {.live_progress = false});
        reporter.batch_started(jobs);
        std::vector<std::thread> workers;
        for (std::size_t t = 0; t < kThreads; ++t) {
            workers.emplace_back([&, t] {
                for (std::size_t k = 0; k < kPerThread; ++k) {
                    const std::size_t i = t * kPerThread + k;
                    reporter.job_started(i);
                    reporter.on_progress(i, 1.0, 10);
                    reporter.on_log(i, SB_LOG_WARNING, "w");
                    auto r = jobs[i];
                    r.status = JobStatus::converted;
                    reporter.job_finished(i, r);
                }
            });
        }
        for (auto &w : workers) w.join();
    }
    const auto lines = lines_of(out.text());
    ASSERT_EQ(lines.size(), kThreads * kPerThread);
    std::vector<std::string> sorted = lines;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end()) << "a file was reported twice";
    for (const auto &line : lines) EXPECT_EQ(line.rfind("ok         file", 0), 0u) << line;
}

TEST(Reporter, LiveTickerRunsAlongsideReportsFromWorkers) {
    // Exercised under ThreadSanitizer: the ticker thread redraws while workers report.
    CapturedFile out;
    {
        ConsoleReporter reporter(out.get(), {.live_progress = true});
        reporter.batch_started({job("a"), job("b")});
        std::thread worker([&] {
            for (int i = 0; i < 150; ++i) {
                reporter.on_progress(i % 2, i * 0.05, i);
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        worker.join();
        reporter.job_finished(0, job("a", JobStatus::converted));
        reporter.job_finished(1, job("b", JobStatus::converted));
        reporter.batch_finished(summary_of({job("a", JobStatus::converted), job("b", JobStatus::converted)}));
    }
    EXPECT_NE(out.text().find("[2/2]"), std::string::npos) << out.text();
}

TEST(ReporterClock, FormatsHoursMinutesSeconds) {
    EXPECT_EQ(clock_text(7), "0:07");
    EXPECT_EQ(clock_text(245), "4:05");
    EXPECT_EQ(clock_text(3723), "1:02:03");
    EXPECT_EQ(clock_text(-1), "--:--");
}

} // namespace
