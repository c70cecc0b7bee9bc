#include <sb/core/job_context.hpp>

#include <algorithm>
#include <string>

namespace sb::core {

namespace {

std::string one_line(const char *text) {
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '\r', ' ');
    return s;
}

int32_t is_cancelled(const sb_job *job) { return job->stop.stop_requested() ? 1 : 0; }

void report_progress(sb_job *job, const sb_progress *progress) {
    if (!job->observer || !progress || progress->struct_size < sizeof(std::uint32_t) + sizeof(double)) return;
    const std::int64_t frames = progress->struct_size >= sizeof(sb_progress) ? progress->frames : -1;
    job->observer->on_progress(job->index, progress->position_seconds, frames);
}

void log(sb_job *job, sb_log_level level, const char *message) {
    if (job->observer) job->observer->on_log(job->index, std::clamp(level, SB_LOG_DEBUG, SB_LOG_ERROR), one_line(message));
}

void set_error(sb_job *job, const char *message) { job->set_error(one_line(message)); }

int32_t thread_budget(const sb_job *job) { return job->thread_budget ? std::max(1, job->thread_budget()) : 1; }

const char *input_path(const sb_job *job) { return job->input_path.c_str(); }

const char *output_path(const sb_job *job) { return job->output_path.empty() ? nullptr : job->output_path.c_str(); }

int32_t option_is_set(const sb_job *job, const char *name) {
    return job->options && name && job->options->is_set(name) ? 1 : 0;
}

int64_t option_int(const sb_job *job, const char *name) { return job->options && name ? job->options->get_int(name) : 0; }

double option_float(const sb_job *job, const char *name) { return job->options && name ? job->options->get_float(name) : 0.0; }

const char *option_string(const sb_job *job, const char *name) {
    return job->options && name ? job->options->get_string(name) : nullptr;
}

// Without an observer nothing is kept; warnings and errors are never filtered.
sb_log_level min_log_level(const sb_job *job) {
    return job->observer ? std::clamp(job->observer->min_log_level(), SB_LOG_DEBUG, SB_LOG_WARNING) : SB_LOG_WARNING;
}

constexpr sb_host_api kHostApi = {
    sizeof(sb_host_api), &is_cancelled, &report_progress, &log,          &set_error,     &thread_budget, &input_path,
    &output_path,        &option_is_set, &option_int,     &option_float, &option_string, &min_log_level,
};

} // namespace

const sb_host_api &host_api() { return kHostApi; }

} // namespace sb::core
