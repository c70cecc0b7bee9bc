// The host's side of the opaque sb_job handle, and the sb_host_api table that
// plugins call back into. One sb_job exists per plugin call (probe, plan or
// convert); it lives on the calling worker's stack for the duration of the call.
#pragma once

#include <sb/core/option_values.hpp>

#include <sb/plugin_abi.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>

namespace sb::core {

// Receives what jobs report. Called from worker and codec threads: must be
// thread-safe.
class JobObserver {
public:
    virtual ~JobObserver() = default;
    virtual void on_progress(std::size_t job, double position_seconds, std::int64_t frames) = 0;
    virtual void on_log(std::size_t job, sb_log_level level, const std::string &message) = 0;
    // The lowest level on_log keeps; plugins ask (sb_host_api.min_log_level) so
    // they can skip building messages that would be dropped.
    virtual sb_log_level min_log_level() const { return SB_LOG_DEBUG; }
};

// The one host function table (immutable, shared by all jobs).
const sb_host_api &host_api();

} // namespace sb::core

// Defined here, in the global namespace, because the C ABI declares it there.
struct sb_job {
    std::size_t index = 0;
    std::string input_path;
    std::string output_path; // empty for probe/plan: output_path() then returns NULL
    const sb::core::OptionValues *options = nullptr;
    std::stop_token stop;
    std::function<int()> thread_budget; // evaluated at call time
    sb::core::JobObserver *observer = nullptr;

    // The last set_error() text; guarded because plugins may call from any thread.
    std::string error() const {
        std::lock_guard lock(mutex);
        return error_text;
    }
    void set_error(std::string text) {
        std::lock_guard lock(mutex);
        error_text = std::move(text);
    }

private:
    mutable std::mutex mutex;
    std::string error_text;
};
