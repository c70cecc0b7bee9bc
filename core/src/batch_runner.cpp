#include <sb/core/batch_runner.hpp>

#include <sb/core/temp_output.hpp>
#include <sb/core/worker_pool.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <system_error>

namespace sb::core {

namespace fs = std::filesystem;

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::uintmax_t file_size_or_zero(const fs::path &p) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    return ec ? 0 : size;
}
} // namespace

BatchRunner::BatchRunner(const LoadedConverter &converter, const OptionValues &options, RunSettings settings,
                         ConsoleReporter &reporter)
    : converter_(converter), options_(options), settings_(settings), reporter_(reporter) {
    settings_.workers = std::max<std::size_t>(1, settings_.workers);
    settings_.cpu_count = std::max<std::size_t>(1, settings_.cpu_count);
}

int BatchRunner::thread_budget(std::size_t cpu_count, std::size_t workers, std::size_t unfinished) {
    const std::size_t sharing = std::max<std::size_t>(1, std::min(workers, unfinished));
    return static_cast<int>(std::max<std::size_t>(1, cpu_count / sharing));
}

void BatchRunner::attach_pool(WorkerPool *pool) {
    std::lock_guard lock(pool_mutex_);
    pool_ = pool;
    if (!pool_) return;
    if (stop_level_ >= 2) pool_->abort();
    else if (stop_level_ >= 1) pool_->cancel_pending();
}

void BatchRunner::stop_pending(int signal_number) {
    int expected = 0;
    stop_level_.compare_exchange_strong(expected, 1);
    signal_ = signal_number;
    std::lock_guard lock(pool_mutex_);
    if (pool_) pool_->cancel_pending();
}

void BatchRunner::abort(int signal_number) {
    stop_level_ = 2;
    signal_ = signal_number;
    std::lock_guard lock(pool_mutex_);
    if (pool_) pool_->abort();
}

std::size_t BatchRunner::running_jobs() const {
    std::lock_guard lock(pool_mutex_);
    return pool_ ? pool_->running() : 0;
}

void BatchRunner::probe_inputs(const BatchPlan &plan, std::vector<JobResult> &results, std::vector<PlannedJob> &jobs) {
    const auto probe = converter_.desc->probe;
    WorkerPool pool(settings_.workers);
    attach_pool(&pool);
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        auto &job = jobs[i];
        const bool verify = job.action == PlannedAction::skip && job.verify_existing;
        if (!probe || (job.action != PlannedAction::convert && !verify)) continue;
        const bool submitted = pool.submit([this, probe, &job, &result = results[i], verify, i](std::stop_token stop) {
            sb_job handle;
            handle.index = i;
            handle.input_path = (verify ? job.output : job.input.path).string();
            handle.options = &options_;
            handle.stop = stop;
            handle.thread_budget = [] { return 1; };
            sb_probe_info info{};
            info.struct_size = sizeof info;
            info.duration_seconds = -1;
            const sb_status status = probe(&handle, &host_api(), &info);
            if (verify) {
                // -s keeps an existing output only if it opens as media with a duration.
                if (status == SB_STATUS_OK && info.duration_seconds > 0) return;
                job.action = PlannedAction::convert;
                job.replace_existing = true;
                result.status = JobStatus::pending;
                result.reason.clear();
                result.warnings.push_back(fmt::format("existing output {} is not playable media ({}); converting again",
                                                      job.output_display, status == SB_STATUS_OK ? "no duration" : handle.error()));
                return;
            }
            if (status == SB_STATUS_OK) {
                result.media_seconds = info.duration_seconds;
            } else if (status == SB_STATUS_FAILED) {
                job.action = PlannedAction::fail;
                result.status = JobStatus::failed;
                result.reason = handle.error().empty() ? "cannot be read" : handle.error();
            }
        });
        if (!submitted) break;
    }
    pool.finish();
    attach_pool(nullptr);
    (void)plan;
}

BatchSummary BatchRunner::run(const BatchPlan &plan) {
    const auto t0 = Clock::now();
    std::vector<PlannedJob> jobs = plan.jobs;
    std::vector<JobResult> results(jobs.size());
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        results[i].input = jobs[i].input.display;
        results[i].output = jobs[i].output_display;
        if (jobs[i].action == PlannedAction::fail) {
            results[i].status = JobStatus::failed;
            results[i].reason = jobs[i].reason;
        } else if (jobs[i].action == PlannedAction::skip) {
            results[i].status = JobStatus::skipped;
            results[i].reason = jobs[i].reason;
        }
    }

    probe_inputs(plan, results, jobs);
    reporter_.batch_started(results);
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (results[i].status != JobStatus::pending) reporter_.job_finished(i, results[i]);

    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < jobs.size(); ++i)
        if (results[i].status == JobStatus::pending) order.push_back(i);
    if (settings_.order == JobOrder::longest_first) {
        // Longest first, so one long file does not start last while the other
        // workers idle. Durations when every job has one, else file sizes.
        const bool durations = std::all_of(order.begin(), order.end(), [&](std::size_t i) { return results[i].media_seconds > 0; });
        std::vector<double> weight(jobs.size(), 0.0);
        for (auto i : order)
            weight[i] = durations ? results[i].media_seconds : static_cast<double>(file_size_or_zero(jobs[i].input.path));
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });
    }

    unfinished_ = order.size();
    {
        WorkerPool pool(settings_.workers);
        attach_pool(&pool);
        std::vector<std::size_t> submitted;
        for (auto i : order) {
            if (!pool.submit([this, i, &job = jobs[i], &result = results[i]](std::stop_token stop) { run_job(i, job, result, stop); }))
                break;
            submitted.push_back(i);
        }
        const auto pool_results = pool.finish();
        attach_pool(nullptr);
        for (std::size_t k = 0; k < pool_results.size(); ++k) {
            const auto i = submitted[k];
            if (pool_results[k].state == WorkerPool::State::failed && results[i].status == JobStatus::pending) {
                results[i].status = JobStatus::failed;
                results[i].reason = pool_results[k].error;
                finish_job(i, results[i]);
            }
        }
        for (auto i : order) {
            if (results[i].status != JobStatus::pending) continue;
            results[i].status = JobStatus::cancelled;
            results[i].reason = "not started (batch interrupted)";
            reporter_.job_finished(i, results[i]);
        }
    }

    BatchSummary summary;
    summary.command = converter_.desc->name;
    summary.results = std::move(results);
    summary.wall_seconds = seconds_since(t0);
    summary.interrupted_by = stop_level_ > 0 ? signal_.load() : 0;
    return summary;
}

void BatchRunner::run_job(std::size_t index, const PlannedJob &job, JobResult &result, std::stop_token stop) {
    const auto t0 = Clock::now();
    reporter_.job_started(index);
    try {
        remove_stale_temp_outputs(job.output);
        TempOutput temp(job.output);
        sb_job handle;
        handle.index = index;
        handle.input_path = job.input.path.string();
        handle.output_path = temp.path().string();
        handle.options = &options_;
        handle.stop = stop;
        handle.thread_budget = [this] { return thread_budget(settings_.cpu_count, settings_.workers, unfinished_.load()); };
        handle.observer = &reporter_;
        const sb_status status = converter_.desc->convert(&handle, &host_api());
        if (status == SB_STATUS_OK) {
            if (file_size_or_zero(temp.path()) == 0) {
                result.status = JobStatus::failed;
                result.reason = "the converter reported success but wrote nothing";
            } else {
                temp.commit(job.replace_existing);
                result.status = JobStatus::converted;
            }
        } else if (status == SB_STATUS_CANCELLED) {
            result.status = JobStatus::cancelled;
            result.reason = "stopped; unfinished output removed";
        } else {
            result.status = JobStatus::failed;
            const auto error = handle.error();
            result.reason = error.empty() ? "failed (the converter gave no reason)" : error;
        }
    } catch (const std::exception &e) {
        result.status = JobStatus::failed;
        result.reason = e.what();
    }
    result.elapsed_seconds = seconds_since(t0);
    finish_job(index, result);
}

void BatchRunner::finish_job(std::size_t index, JobResult &result) {
    --unfinished_;
    auto warnings = reporter_.warnings_of(index);
    result.warnings.insert(result.warnings.end(), warnings.begin(), warnings.end());
    reporter_.job_finished(index, result);
}

} // namespace sb::core
