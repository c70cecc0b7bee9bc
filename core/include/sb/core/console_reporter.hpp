// Everything a batch prints for people: one line per finished file, warnings,
// the summary, and — on a terminal — one live progress line redrawn at most ten
// times a second below the file lines. Not on a terminal: no redraws, no control
// characters. Thread-safe: jobs report from worker and codec threads.
#pragma once

#include <sb/core/batch_result.hpp>
#include <sb/core/job_context.hpp>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace sb::core {

struct ReporterSettings {
    bool live_progress = false; // a terminal and progress wanted
    bool quiet = false;         // only errors and the summary
    int verbosity = 0;          // 1: plugin decisions (info), 2: debug
};

class ConsoleReporter final : public JobObserver {
public:
    ConsoleReporter(std::FILE *out, ReporterSettings settings);
    ~ConsoleReporter() override;

    // The jobs of the batch (display names and probed durations), before any starts.
    void batch_started(const std::vector<JobResult> &jobs);
    void job_started(std::size_t job);
    void job_finished(std::size_t job, const JobResult &result);
    // A host message on its own line ("finishing 2 running conversions ...").
    void notice(const std::string &line);
    // Warnings a job logged so far (attached to its result).
    std::vector<std::string> warnings_of(std::size_t job);
    void batch_finished(const BatchSummary &summary);

    void on_progress(std::size_t job, double position_seconds, std::int64_t frames) override;
    void on_log(std::size_t job, sb_log_level level, const std::string &message) override;
    sb_log_level min_log_level() const override;

private:
    struct JobState {
        std::string name;
        double duration = -1;
        double position = 0;
        std::int64_t frames = 0;
        bool running = false;
        bool done = false;
        std::vector<std::string> warnings;
    };

    void print_line(const std::string &line);   // caller holds mutex_
    void redraw();                              // caller holds mutex_
    std::string status_line() const;            // caller holds mutex_
    void ticker(std::stop_token stop);

    std::FILE *out_;
    ReporterSettings settings_;
    std::mutex mutex_;
    std::vector<JobState> jobs_;
    std::chrono::steady_clock::time_point start_;
    bool dirty_ = false;
    bool line_shown_ = false;
    std::jthread ticker_;
};

// "1:02:03", "4:05", "0:07"
std::string clock_text(double seconds);

} // namespace sb::core
