#include <sb/core/dry_run.hpp>

#include <sb/core/job_context.hpp>

#include <fmt/format.h>

#include <mutex>
#include <string>
#include <vector>

namespace sb::core {

namespace {

// Collects what plan() logs for one input.
class PlanCollector final : public JobObserver {
public:
    void on_progress(std::size_t, double, std::int64_t) override {}
    void on_log(std::size_t, sb_log_level level, const std::string &message) override {
        std::lock_guard lock(mutex_);
        if (level >= SB_LOG_INFO) lines_.push_back(level == SB_LOG_WARNING ? "warning: " + message : message);
    }
    sb_log_level min_log_level() const override { return SB_LOG_INFO; }
    std::vector<std::string> lines() {
        std::lock_guard lock(mutex_);
        return lines_;
    }

private:
    std::mutex mutex_;
    std::vector<std::string> lines_;
};

} // namespace

std::size_t print_dry_run(const BatchPlan &plan, const LoadedConverter &converter, const OptionValues &options, std::FILE *out) {
    std::size_t failing = 0;
    for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
        const auto &job = plan.jobs[i];
        switch (job.action) {
        case PlannedAction::fail:
            ++failing;
            fmt::print(out, "refuse   {}: {}\n", job.input.display, job.reason);
            continue;
        case PlannedAction::skip:
            fmt::print(out, "skip     {}: {}\n", job.input.display, job.reason);
            continue;
        case PlannedAction::convert:
            break;
        }
        std::vector<std::string> details;
        std::string failure;
        if (converter.desc->plan) {
            PlanCollector collector;
            sb_job handle;
            handle.index = i;
            handle.input_path = job.input.path.string();
            handle.options = &options;
            handle.thread_budget = [] { return 1; };
            handle.observer = &collector;
            if (converter.desc->plan(&handle, &host_api()) == SB_STATUS_FAILED)
                failure = handle.error().empty() ? "cannot be converted" : handle.error();
            details = collector.lines();
        }
        if (!failure.empty()) {
            ++failing;
            fmt::print(out, "fail     {}: {}\n", job.input.display, failure);
            continue;
        }
        fmt::print(out, "convert  {} -> {}{}\n", job.input.display, job.output_display,
                   job.replace_existing ? " (replacing the existing file)" : "");
        for (const auto &d : details) fmt::print(out, "           {}\n", d);
    }
    std::fflush(out);
    return failing;
}

} // namespace sb::core
