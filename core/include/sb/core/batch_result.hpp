// What happened to each file of a batch, and the totals.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sb::core {

enum class JobStatus { pending, converted, skipped, failed, cancelled };

const char *status_name(JobStatus status); // "converted", "skipped", ...

struct JobResult {
    std::string input;   // display form
    std::string output;  // display form ("" when none was planned)
    JobStatus status = JobStatus::pending;
    std::string reason;  // failed / skipped / cancelled: one line
    std::vector<std::string> warnings;
    double media_seconds = -1; // probed input duration, < 0 unknown
    double elapsed_seconds = 0;
};

struct BatchSummary {
    std::string command;               // "mp4"
    std::vector<JobResult> results;    // input order
    double wall_seconds = 0;
    int interrupted_by = 0;            // signal number that stopped the batch, 0 = none
    std::size_t count(JobStatus status) const;
};

// 0 all converted or skipped; 1 any failed; 130 / 143 interrupted by SIGINT / SIGTERM.
int exit_code(const BatchSummary &summary);

} // namespace sb::core
