// The machine-readable batch report (--report FILE): one JSON object with the
// totals and one entry per input, in input order.
#pragma once

#include <sb/core/batch_result.hpp>

#include <filesystem>
#include <string>

namespace sb::core {

std::string json_report(const BatchSummary &summary);
// Writes atomically (temporary file + rename). Throws std::runtime_error.
void write_json_report(const BatchSummary &summary, const std::filesystem::path &path);

std::string json_escape(const std::string &text);

} // namespace sb::core
