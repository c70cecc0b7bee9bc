// The machine-readable batch report (--report FILE): one JSON object with the
// totals and one entry per input, in input order.
#pragma once

#include <sb/core/batch_result.hpp>

#include <filesystem>
#include <string>

namespace sb::core {

std::string json_report(const BatchSummary &summary);
// Before the batch: throws std::runtime_error ("--report FILE: <why>") when the
// report could not be written there (a folder, a missing or read-only place),
// so the user learns it before hours of work, not after. Leaves nothing behind
// but folders the report would have needed anyway.
void check_report_path(const std::filesystem::path &path);
// Writes atomically (temporary file + rename). Throws std::runtime_error
// ("cannot write the report FILE: <why>").
void write_json_report(const BatchSummary &summary, const std::filesystem::path &path);

std::string json_escape(const std::string &text);

} // namespace sb::core
