#include <sb/core/console_reporter.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sb::core {

namespace {
using Clock = std::chrono::steady_clock;

std::string result_line(const JobResult &r) {
    switch (r.status) {
    case JobStatus::converted:
        return fmt::format("ok         {} -> {} ({:.1f} s)", r.input, r.output, r.elapsed_seconds);
    case JobStatus::skipped: return fmt::format("skipped    {}: {}", r.input, r.reason);
    case JobStatus::failed: return fmt::format("FAILED     {}: {}", r.input, r.reason);
    case JobStatus::cancelled: return fmt::format("cancelled  {}{}{}", r.input, r.reason.empty() ? "" : ": ", r.reason);
    case JobStatus::pending: break;
    }
    return r.input;
}
} // namespace

std::string clock_text(double seconds) {
    if (!(seconds >= 0) || !std::isfinite(seconds)) return "--:--";
    const auto total = static_cast<long long>(seconds + 0.5);
    if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
    return fmt::format("{}:{:02}", total / 60, total % 60);
}

ConsoleReporter::ConsoleReporter(std::FILE *out, ReporterSettings settings)
    : out_(out), settings_(settings), start_(Clock::now()) {
    if (settings_.live_progress) ticker_ = std::jthread([this](std::stop_token stop) { ticker(stop); });
}

ConsoleReporter::~ConsoleReporter() {
    if (ticker_.joinable()) {
        ticker_.request_stop();
        ticker_.join();
    }
}

void ConsoleReporter::batch_started(const std::vector<JobResult> &jobs) {
    std::lock_guard lock(mutex_);
    start_ = Clock::now();
    jobs_.clear();
    for (const auto &j : jobs) jobs_.push_back({j.input, j.media_seconds, 0, 0, false, j.status != JobStatus::pending, {}});
    dirty_ = true;
}

void ConsoleReporter::job_started(std::size_t job) {
    std::lock_guard lock(mutex_);
    if (job < jobs_.size()) jobs_[job].running = true;
    dirty_ = true;
}

void ConsoleReporter::job_finished(std::size_t job, const JobResult &result) {
    std::lock_guard lock(mutex_);
    if (job < jobs_.size()) {
        jobs_[job].running = false;
        jobs_[job].done = true;
    }
    const bool show = !settings_.quiet || result.status == JobStatus::failed;
    if (show) {
        print_line(result_line(result));
        for (const auto &w : result.warnings) print_line(fmt::format("  warning: {}", w));
    }
    dirty_ = true;
}

void ConsoleReporter::notice(const std::string &line) {
    std::lock_guard lock(mutex_);
    print_line(line);
}

std::vector<std::string> ConsoleReporter::warnings_of(std::size_t job) {
    std::lock_guard lock(mutex_);
    return job < jobs_.size() ? jobs_[job].warnings : std::vector<std::string>{};
}

void ConsoleReporter::on_progress(std::size_t job, double position_seconds, std::int64_t frames) {
    std::lock_guard lock(mutex_);
    if (job >= jobs_.size()) return;
    auto &j = jobs_[job];
    j.position = std::max(j.position, position_seconds);
    if (frames >= 0) j.frames = frames;
    dirty_ = true;
}

// Mirrors on_log's filter; verbosity never changes after construction.
sb_log_level ConsoleReporter::min_log_level() const {
    return settings_.verbosity >= 2 ? SB_LOG_DEBUG : settings_.verbosity == 1 ? SB_LOG_INFO : SB_LOG_WARNING;
}

void ConsoleReporter::on_log(std::size_t job, sb_log_level level, const std::string &message) {
    std::lock_guard lock(mutex_);
    const std::string name = job < jobs_.size() ? jobs_[job].name : std::string("?");
    if (level == SB_LOG_WARNING) {
        if (job < jobs_.size()) jobs_[job].warnings.push_back(message);
        return; // printed with the file's result line
    }
    if (level == SB_LOG_ERROR || (level == SB_LOG_INFO && settings_.verbosity >= 1) ||
        (level == SB_LOG_DEBUG && settings_.verbosity >= 2))
        print_line(fmt::format("  {}: {}", name, message));
}

void ConsoleReporter::batch_finished(const BatchSummary &s) {
    std::lock_guard lock(mutex_);
    if (settings_.live_progress && line_shown_) {
        std::fputs("\r\033[K", out_);
        line_shown_ = false;
    }
    settings_.live_progress = false;
    const auto failed = s.count(JobStatus::failed);
    if (failed > 0) {
        std::fprintf(out_, "failed files:\n");
        for (const auto &r : s.results)
            if (r.status == JobStatus::failed) std::fprintf(out_, "  %s: %s\n", r.input.c_str(), r.reason.c_str());
    }
    std::fprintf(out_, "sb %s: %zu %s: %zu converted, %zu skipped, %zu failed, %zu cancelled in %.1f s\n",
                 s.command.c_str(), s.results.size(), s.results.size() == 1 ? "file" : "files", s.count(JobStatus::converted), s.count(JobStatus::skipped), failed,
                 s.count(JobStatus::cancelled), s.wall_seconds);
    std::fflush(out_);
}

void ConsoleReporter::print_line(const std::string &line) {
    if (settings_.live_progress && line_shown_) std::fputs("\r\033[K", out_);
    std::fputs(line.c_str(), out_);
    std::fputc('\n', out_);
    line_shown_ = false;
    if (settings_.live_progress) redraw();
    std::fflush(out_);
}

std::string ConsoleReporter::status_line() const {
    std::size_t done = 0;
    double total = 0, finished = 0;
    bool all_known = true;
    std::int64_t frames = 0;
    for (const auto &j : jobs_) {
        if (j.done) ++done;
        frames += j.frames;
        if (j.duration > 0) {
            total += j.duration;
            finished += j.done ? j.duration : std::min(j.position, j.duration);
        } else {
            all_known = false;
        }
    }
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    double fraction = 0;
    if (all_known && total > 0) fraction = finished / total;
    else if (!jobs_.empty()) fraction = static_cast<double>(done) / static_cast<double>(jobs_.size());
    std::string speed = "--";
    if (elapsed > 0.5 && finished > 0) speed = fmt::format("{:.2f}x", finished / elapsed);
    const std::string fps = elapsed > 0.5 && frames > 0 ? fmt::format(" {:.0f} fps", static_cast<double>(frames) / elapsed) : "";
    const double eta = fraction > 0.001 ? elapsed * (1 - fraction) / fraction : -1;
    return fmt::format("[{}/{}] {:5.1f}%  {}{}  elapsed {}  ETA {}", done, jobs_.size(), 100 * fraction, speed, fps,
                       clock_text(elapsed), clock_text(eta));
}

void ConsoleReporter::redraw() {
    if (jobs_.empty()) return;
    std::fputs("\r\033[K", out_);
    std::fputs(status_line().c_str(), out_);
    std::fflush(out_);
    line_shown_ = true;
    dirty_ = false;
}

void ConsoleReporter::ticker(std::stop_token stop) {
    while (!stop.stop_requested()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::lock_guard lock(mutex_);
        // The clock moves even when no job reported, so redraw at least every tick.
        if (settings_.live_progress) redraw();
    }
}

} // namespace sb::core
