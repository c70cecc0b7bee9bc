#include <sb/core/batch_result.hpp>

#include <algorithm>
#include <csignal>

namespace sb::core {

const char *status_name(JobStatus status) {
    switch (status) {
    case JobStatus::pending: return "pending";
    case JobStatus::converted: return "converted";
    case JobStatus::skipped: return "skipped";
    case JobStatus::failed: return "failed";
    case JobStatus::cancelled: return "cancelled";
    }
    return "unknown";
}

std::size_t BatchSummary::count(JobStatus status) const {
    return static_cast<std::size_t>(std::count_if(results.begin(), results.end(), [&](const JobResult &r) { return r.status == status; }));
}

int exit_code(const BatchSummary &summary) {
    if (summary.interrupted_by == SIGINT) return 130;
    if (summary.interrupted_by == SIGTERM) return 143;
    if (summary.interrupted_by != 0) return 128 + summary.interrupted_by;
    return summary.count(JobStatus::failed) > 0 ? 1 : 0;
}

} // namespace sb::core
