// Runs a planned batch through the worker pool: probes inputs, orders the jobs,
// hands each to the converter with a temporary output, renames finished files
// into place and collects one result per input.
//
// Cancellation (ADR-003): stop_pending() lets running conversions finish and
// cancels the rest; abort() also asks the running ones to stop, and their
// temporary files are removed. Both may be called from any thread, any time.
#pragma once

#include <sb/core/batch_options.hpp>
#include <sb/core/batch_plan.hpp>
#include <sb/core/batch_result.hpp>
#include <sb/core/console_reporter.hpp>
#include <sb/core/option_values.hpp>
#include <sb/core/plugin_registry.hpp>

#include <atomic>
#include <cstddef>
#include <mutex>

namespace sb::core {

class WorkerPool;

struct RunSettings {
    std::size_t workers = 1;
    std::size_t cpu_count = 1;
    JobOrder order = JobOrder::longest_first;
};

class BatchRunner {
public:
    BatchRunner(const LoadedConverter &converter, const OptionValues &options, RunSettings settings,
                ConsoleReporter &reporter);

    BatchSummary run(const BatchPlan &plan);

    void stop_pending(int signal_number);
    void abort(int signal_number);
    std::size_t running_jobs() const;

    // max(1, cpu_count / min(workers, unfinished jobs)): the codec threads one job
    // may use so that all running jobs together stay near the CPU count.
    static int thread_budget(std::size_t cpu_count, std::size_t workers, std::size_t unfinished);

private:
    void probe_inputs(const BatchPlan &plan, std::vector<JobResult> &results, std::vector<PlannedJob> &jobs);
    void run_job(std::size_t index, const PlannedJob &job, JobResult &result, std::stop_token stop);
    void finish_job(std::size_t index, JobResult &result);
    void attach_pool(WorkerPool *pool);

    const LoadedConverter &converter_;
    const OptionValues &options_;
    RunSettings settings_;
    ConsoleReporter &reporter_;

    std::atomic<std::size_t> unfinished_{0};
    std::atomic<int> stop_level_{0}; // 0 running, 1 stop pending, 2 abort
    std::atomic<int> signal_{0};
    mutable std::mutex pool_mutex_;
    WorkerPool *pool_ = nullptr;
};

} // namespace sb::core
